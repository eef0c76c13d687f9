import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { LotsSearch } from '../../renderer/src/components/LotsSearch';
import { ParcelRow } from '../../renderer/src/components/ParcelRow';
import { createT } from '../../renderer/src/i18n';
import { createHistoryStore, selectHistoryActionError } from '../../renderer/src/stores/history';
import { createFakeApi, parcelFixture } from './fake-api';

/*
 * History's lots CSV (issue 18): a parcel row of an order with lots offers its CSV, in the
 * packer's language; a lead types any order number in the search above the table; the store asks
 * main and says why when there is nothing to give.
 */

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const row = (parcel: ReturnType<typeof parcelFixture>, language: 'en' | 'nl' = 'en') =>
  text(
    renderToStaticMarkup(
      <table>
        <tbody>
          <ParcelRow parcel={parcel} t={createT(language)} language={language} now={0} busy={null} onCancel={() => undefined} onReprint={() => undefined} onView={() => undefined} onLots={() => undefined} />
        </tbody>
      </table>,
    ),
  );

describe('the lots CSV in History', () => {
  it('is offered on a parcel whose order has lots, and on no other', () => {
    const withLots = parcelFixture(1, { lotOrder: { idorder: 7009, orderid: 'O2026-7009' } });
    expect(row(withLots)).toContain('Lots (CSV)');
    expect(row(withLots, 'nl')).toContain('Lotnummers (CSV)');
    expect(row(parcelFixture(2))).not.toContain('Lots (CSV)');
  });

  it('has a search for any order, worded in both languages', () => {
    const en = text(renderToStaticMarkup(<LotsSearch t={createT('en')} onDownload={() => Promise.resolve()} />));
    expect(en).toContain('Lots of an order');
    expect(en).toContain('Order number, reference or picklist');
    expect(en).toContain('Download CSV');
    const nl = text(renderToStaticMarkup(<LotsSearch t={createT('nl')} onDownload={() => Promise.resolve()} />));
    expect(nl).toContain('Lotnummers van een bestelling');
    expect(nl).toContain('CSV downloaden');
  });

  it('asks main for the order’s file, and keeps main’s reason when there is none', async () => {
    const api = createFakeApi();
    api.handle('history.lotsCsv', (input) => {
      if ('order' in input && input.order === 'O-1') return { filename: 'packdesk-lots-o-1.csv', csv: '\uFEFForder\r\n' };
      throw new ApiError('NOT_FOUND', 'No lots', false, { code: 'history.noLots', params: { order: 'O-2' } });
    });
    const store = createHistoryStore(api);
    expect(await store.getState().lotsCsv({ order: 'O-1' })).toEqual({ filename: 'packdesk-lots-o-1.csv', csv: '\uFEFForder\r\n' });
    expect(selectHistoryActionError(store.getState())).toBeNull();
    expect(await store.getState().lotsCsv({ idorder: 2 })).toBeNull();
    expect(selectHistoryActionError(store.getState())).toMatchObject({ code: 'NOT_FOUND', reason: { code: 'history.noLots' } });
  });
});
