import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { useOutbox } from '../stores/context';
import { selectLabelledParcels, selectOutboxProblems, selectPrintFailures } from '../stores/outbox';
import { OutboxProblems } from './OutboxProblems';
import { PrintFailures } from './PrintFailures';

/**
 * Failed prints and set-aside changes behind one button with their count, in the status bar. Open,
 * they lie over the work area until closed; closed, they take one button's room, so four failed
 * prints never push the counter or the answer off a 1024x768 screen. Not modal: scans still count.
 */
export function ProblemsTray() {
  const t = useT();
  const failures = useOutbox(selectPrintFailures);
  const problems = useOutbox(selectOutboxProblems);
  const labelled = useOutbox(selectLabelledParcels);
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const panelRef = useRef<HTMLElement>(null);
  const count = failures.length + problems.length;
  const isEmpty = count === 0 && labelled.length === 0;

  useEffect(() => {
    if (isEmpty) setIsOpen(false);
  }, [isEmpty]);

  // Like the product label dialog, the tray is not one of the ui store's dialogs, so it hears
  // Escape itself; the wedge passes Escape on.
  useEffect(() => {
    if (!isOpen) return;
    panelRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setIsOpen(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isOpen]);

  if (isEmpty) return null;
  const label =
    count > 0
      ? t('problems.count', { count })
      : t('problems.labelled', { count: labelled.length });

  return (
    <>
      <button
        type="button"
        className={`button button--small problems-button${count > 0 ? ' problems-button--bad' : ''}`}
        aria-expanded={isOpen}
        aria-controls={panelId}
        data-testid="problems-tray-button"
        onClick={() => setIsOpen(!isOpen)}
      >
        {label}
      </button>
      {/* The count is announced where it changes; the list itself waits until it is opened. */}
      <span className="visually-hidden" role="status">
        {label}
      </span>
      {isOpen ? (
        <section className="problems-tray" id={panelId} aria-label={t('problems.title')} tabIndex={-1} ref={panelRef} data-testid="problems-tray">
          <header className="problems-tray__header">
            <h2 className="problems-tray__title">{t('problems.title')}</h2>
            <button type="button" className="button button--small button--quiet" onClick={() => setIsOpen(false)}>
              {t('problems.close')}
            </button>
          </header>
          <p className="hint problems-tray__hint">{t('problems.hint')}</p>
          {failures.length > 0 ? <h3 className="problems-tray__section">{t('problems.prints')}</h3> : null}
          <PrintFailures />
          <OutboxProblems />
        </section>
      ) : null}
    </>
  );
}
