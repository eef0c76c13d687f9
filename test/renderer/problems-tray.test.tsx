import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { OutboxProblems as Problems } from '../../shared/contract';
import { StatusBar } from '../../renderer/src/components/StatusBar';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import type { OutboxStore } from '../../renderer/src/stores/outbox';
import { appStateFixture, createFakeApi, settle, syncFixture } from './fake-api';

/*
 * Issue 14: failed prints and set-aside changes live behind one count in the status bar, not as
 * red panels stacked over the work area.
 */

async function statusBar(language: 'en' | 'nl', failedPrints: number, setAside: number): Promise<string> {
  const api = createFakeApi();
  api.handle('app.state', () => appStateFixture({ language }));
  api.handle('sync.status', () => syncFixture());
  api.handle('queue.list', () => []);
  api.handle('pack.current', () => ({ revision: 0, session: null, batch: null }));
  const status = { pending: 0, failed: setAside, labelsPending: [], lastError: null, lastAnswer: null };
  api.handle('outbox.status', () => status);
  const problems: Problems = {
    problems: Array.from({ length: setAside }, (_, i) => ({
      id: i + 1,
      idpicklist: 9000006 + i,
      picklistid: `P2026-0000${6 + i}`,
      kind: 'close' as const,
      why: null,
      reason: 'Picqer refused to close the picklist',
      answer: null,
      at: '2026-11-02T09:00:00.000Z',
      heldBack: 0,
      canRetry: true,
    })),
    labelled: [],
  };
  api.handle('outbox.problems', () => problems);
  const stores = createStores(api);
  stores.start();
  await stores.app.getState().load();
  api.emit('outbox.problems', problems);
  api.emit('outbox.status', status);
  for (let id = 1; id <= failedPrints; id += 1) api.emit('print.job', { id, kind: 'packing_slip', idpicklist: 9000001, picklistid: null, status: 'failed', error: 'No printer set for packing slips', reason: null });
  await settle();
  // Rendered on the server side, a store shows its initial state: hand over the loaded ones.
  const app = createStore<AppStore>()(() => ({ ...stores.app.getState() }));
  const outbox = createStore<OutboxStore>()(() => ({ ...stores.outbox.getState() }));
  return renderToStaticMarkup(
    <StoresContext value={{ ...stores, app, outbox }}>
      <StatusBar isConfigured isSetupOpen={false} />
    </StoresContext>,
  );
}

describe('the problems tray in the status bar', () => {
  it('counts failed prints and set-aside changes on one button, with no panel until it is opened', async () => {
    const html = await statusBar('en', 2, 1);
    expect(html).toContain('data-testid="problems-tray-button"');
    expect(html).toMatch(/data-testid="problems-tray-button"[^>]*>3 problems</);
    expect(html).not.toContain('data-testid="print-failures"');
    expect(html).not.toContain('data-testid="outbox-problems"');
    expect(html).not.toContain('No printer set for packing slips');
  });

  it('says it in Dutch, one and many', async () => {
    expect(await statusBar('nl', 1, 0)).toMatch(/>1 probleem</);
    expect(await statusBar('nl', 0, 2)).toMatch(/>2 problemen</);
  });

  it('is not there when nothing is wrong', async () => {
    expect(await statusBar('en', 0, 0)).not.toContain('problems-tray-button');
  });
});
