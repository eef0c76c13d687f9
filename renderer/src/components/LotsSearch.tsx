import { useState } from 'react';
import type { Translate } from '../i18n';

/**
 * The lots CSV of any order this station packed, today or before (History lists today only): the
 * shift lead types the order number, a reference or a picklist number, as on the slip or in Picqer.
 */
export function LotsSearch({ t, onDownload }: { t: Translate; onDownload: (order: string) => Promise<void> }) {
  const [order, setOrder] = useState('');
  const [isBusy, setBusy] = useState(false);
  return (
    <form
      className="lots-search"
      aria-labelledby="lots-search-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (order.trim() === '' || isBusy) return;
        setBusy(true);
        void onDownload(order.trim()).finally(() => setBusy(false));
      }}
    >
      <h2 id="lots-search-title" className="lots-search__title">
        {t('history.lotsSearch.title')}
      </h2>
      <p className="hint">{t('history.lotsSearch.hint')}</p>
      <div className="lots-search__row">
        <label className="field">
          <span>{t('history.lotsSearch.field')}</span>
          <input className="input" name="order" autoComplete="off" maxLength={100} value={order} onChange={(event) => setOrder(event.target.value)} />
        </label>
        <button type="submit" className="button button--small" disabled={order.trim() === '' || isBusy}>
          {isBusy ? t('history.busy') : t('history.lotsSearch.submit')}
        </button>
      </div>
    </form>
  );
}
