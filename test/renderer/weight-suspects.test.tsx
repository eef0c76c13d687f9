import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { WeightSuspects } from '../../renderer/src/components/WeightSuspects';
import { createT } from '../../renderer/src/i18n';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import { createStatsStore, selectWeightSuspects, selectWeightSuspectsError } from '../../renderer/src/stores/stats';
import type { Language } from '../../shared/domain';
import type { WeightSuspect } from '../../shared/weights';
import { createFakeApi } from './fake-api';

/* The shift lead's list of catalogue weights to check, in Stats (issue 18). */

const suspects: WeightSuspect[] = [
  { idproduct: 2, productcode: 'MUG-RED', name: 'Red mug', catalogueWeight: 310, measuredWeight: 1500, parcels: 12, percent: 383.9 },
  { idproduct: 3, productcode: 'TEA-100', name: 'Tea tin', catalogueWeight: 100, measuredWeight: 50, parcels: 3, percent: -50 },
];

const render = (list: WeightSuspect[] | null, language: Language = 'en', error: ApiError | null = null) =>
  renderToStaticMarkup(
    <StoresContext value={createStores(createFakeApi())}>
      <WeightSuspects suspects={list} error={error} t={createT(language)} />
    </StoresContext>,
  );

describe('the list of catalogue weights to check', () => {
  it('shows each product with its catalogue weight, measured weight, parcels and signed difference', () => {
    const html = render(suspects);
    expect(html).toContain('Catalogue weights to check');
    expect(html).toMatch(/Red mug<span[^>]*>MUG-RED<\/span><\/th><td data-figure="catalogue">310 g<\/td><td data-figure="measured">1,500 g<\/td><td data-figure="parcels">12<\/td><td data-figure="difference">\+383\.9 %<\/td>/);
    expect(html).toMatch(/Tea tin.*<td data-figure="difference">-50 %<\/td>/);
    expect(html).toContain('the station changes nothing');
  });

  it('speaks Dutch on a Dutch station', () => {
    const html = render(suspects, 'nl');
    expect(html).toContain('Artikelgewichten om te controleren');
    expect(html).toContain('Gemeten gewicht');
    expect(html).toContain('1.500 g');
    expect(html).toContain('+383,9 %');
  });

  it('says so when nothing looks wrong, and nothing before the list is read', () => {
    expect(render([])).toContain('No catalogue weight looks wrong.');
    expect(render([], 'nl')).toContain('Geen artikelgewicht lijkt fout.');
    expect(render(null)).not.toContain('<table');
    expect(render(null)).not.toContain('No catalogue weight looks wrong.');
  });

  it('is read by the stats store through stats.weightSuspects, keeping a refusal to show', async () => {
    const api = createFakeApi();
    api.handle('stats.weightSuspects', () => suspects);
    const store = createStatsStore(api);
    await store.getState().loadWeightSuspects();
    expect(selectWeightSuspects(store.getState())).toEqual(suspects);
    expect(api.callsOf('stats.weightSuspects')).toEqual([{}]);

    api.handle('stats.weightSuspects', () => {
      throw new ApiError('INTERNAL', 'disk full');
    });
    await store.getState().loadWeightSuspects();
    expect(selectWeightSuspectsError(store.getState())?.code).toBe('INTERNAL');
    expect(selectWeightSuspects(store.getState())).toEqual(suspects);
    expect(render(null, 'en', new ApiError('INTERNAL', 'disk full'))).toContain('Could not read the catalogue weights to check');
  });

  it('reads the list again when a parcel comes in, also while another day is on screen', async () => {
    const api = createFakeApi();
    api.handle('stats.summary', () => {
      throw new ApiError('INTERNAL', 'not asked here');
    });
    api.handle('stats.weightSuspects', () => suspects.slice(0, api.callsOf('stats.weightSuspects').length));
    const store = createStatsStore(api);
    store.setState({ day: '2026-10-01' });
    const stop = store.getState().follow();
    api.emit('history.changed', { idpicklist: 5001 });
    await vi.waitFor(() => expect(selectWeightSuspects(store.getState())).toEqual(suspects.slice(0, 1)));
    expect(api.callsOf('stats.summary')).toEqual([]);
    stop();
  });
});
