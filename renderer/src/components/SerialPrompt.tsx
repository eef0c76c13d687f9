import { useState } from 'react';
import type { Translate } from '../i18n';
import { useSession, useStores } from '../stores/context';
import { selectSessionBusy } from '../stores/session';

/** The unit waiting, as main's view says it: the product, and in a batch the slot it goes into. */
interface Wanted {
  name: string;
  slot?: number;
}

/**
 * A unit of a product that counts only with its serial number waits for it (issue 18), on a
 * picklist or in a batch's slot. The next scan is taken as the serial by main; a serial without a
 * barcode is typed here and sent with Enter.
 */
export function SerialPrompt({ wanted, t }: { wanted: Wanted | null | undefined; t: Translate }) {
  const { scanner } = useStores();
  const busy = useSession(selectSessionBusy);
  const [serial, setSerial] = useState('');
  if (!wanted) return null;
  return (
    <div className="banner banner--warn serial-prompt" role="alert" data-testid="serial-prompt">
      <p className="banner__title">
        {wanted.slot === undefined ? t('pack.serial.title', { product: wanted.name }) : t('batch.serial.title', { product: wanted.name, slot: wanted.slot })}
      </p>
      <p className="banner__text">{t('pack.serial.hint')}</p>
      <form
        className="serial-prompt__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (serial.trim() === '') return;
          void scanner.giveSerial(serial).then((isDone) => {
            if (isDone) setSerial('');
          });
        }}
      >
        <label className="field">
          <span>{t('pack.serial.field')}</span>
          <input className="input" autoComplete="off" maxLength={200} value={serial} onChange={(event) => setSerial(event.target.value)} />
        </label>
        <button type="submit" className="button" disabled={serial.trim() === '' || busy !== null}>
          {t('pack.serial.submit')}
        </button>
      </form>
    </div>
  );
}
