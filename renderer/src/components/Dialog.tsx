import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Translate } from '../i18n';
import { useScan, useStores } from '../stores/context';
import { selectHeldScans } from '../stores/scan';

interface Props {
  title: string;
  t: Translate;
  children: ReactNode;
  /** Where focus goes when the dialog opens; the dialog itself when not given. */
  initialFocus?: 'dialog' | 'first-field';
  testId?: string;
}

/**
 * A modal over the current screen. Escape and the CANCEL barcode close it through the scan
 * controller (one global key handler), so the dialog itself listens for no keys. Scans made while
 * it is open wait in the controller; the dialog says so, so none goes unseen.
 */
export function Dialog({ title, t, children, initialFocus = 'dialog', testId }: Props) {
  const { ui } = useStores();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const held = useScan(selectHeldScans);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const field = initialFocus === 'first-field' ? element.querySelector<HTMLElement>('input, textarea, select') : null;
    (field ?? element).focus();
  }, [initialFocus]);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} ref={ref} data-testid={testId}>
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="button button--small button--quiet" onClick={() => ui.getState().closeDialog()}>
            {t('dialog.close')}
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        {held.length > 0 ? (
          <p className="dialog__held" role="status" data-testid="held-scans">
            {t('dialog.held', { count: held.length, codes: held.join(', ') })}
          </p>
        ) : null}
        <p className="dialog__hint">{t('dialog.escHint')}</p>
      </div>
    </div>
  );
}
