import { renderToStaticMarkup } from 'react-dom/server';
import type { OutboxProblems as Problems } from '../../shared/contract';
import type { PicqerAnswer } from '../../shared/domain';
import { describe, expect, it } from 'vitest';
import { OutboxIndicator } from '../../renderer/src/components/OutboxIndicator';
import { OutboxProblems } from '../../renderer/src/components/OutboxProblems';
import { createStore } from 'zustand/vanilla';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import type { OutboxStore } from '../../renderer/src/stores/outbox';
import { StoresContext } from '../../renderer/src/stores/context';
import { appStateFixture, createFakeApi, settle, syncFixture } from './fake-api';

/*
 * Issue 13: a set-aside change names its step and what Picqer answered, in the packer's
 * language; Picqer's own message is quoted as it came.
 */

function render(language: 'nl' | 'en', answer: PicqerAnswer | null, what: 'problems' | 'status bar' = 'problems'): Promise<string> {
  const api = createFakeApi();
  api.handle('app.state', () => appStateFixture({ language }));
  api.handle('sync.status', () => syncFixture());
  api.handle('queue.list', () => []);
  api.handle('pack.current', () => ({ revision: api.revision(), session: null, batch: null }));
  const status = { pending: 0, failed: 1, labelsPending: [], lastError: 'Picqer refused to close the picklist: Picklist cannot be closed in this status', lastAnswer: answer };
  api.handle('outbox.status', () => status);
  const problems: Problems = {
    problems: [
      {
        id: 5,
        idpicklist: 9000006,
        picklistid: 'P2026-00006',
        kind: 'close' as const,
        reason: 'Picqer refused to close the picklist: Picklist cannot be closed in this status',
        why: null,
        answer,
        at: '2026-11-02T09:00:00.000Z',
        heldBack: 0,
        canRetry: true,
      },
    ],
    labelled: [],
  };
  api.handle('outbox.problems', () => problems);
  const stores = createStores(api);
  stores.start();
  return (async () => {
    await stores.app.getState().load();
    api.emit('outbox.problems', problems);
    api.emit('outbox.status', status);
    await settle();
    // Rendered on the server side, a store shows its initial state: hand over the loaded ones.
    const app = createStore<AppStore>()(() => ({ ...stores.app.getState() }));
    const outbox = createStore<OutboxStore>()(() => ({ ...stores.outbox.getState() }));
    return renderToStaticMarkup(
      <StoresContext value={{ ...stores, app, outbox }}>
        {what === 'problems' ? <OutboxProblems /> : <OutboxIndicator />}
      </StoresContext>,
    );
  })();
}

const refusal: PicqerAnswer = { code: 'CONFLICT', httpStatus: 400, picqerErrorCode: 21, picqerMessage: 'Picklist cannot be closed in this status' };

describe('a set-aside change in the packer’s language', () => {
  it('names the step and words Picqer’s answer in Dutch, quoting Picqer', async () => {
    const html = await render('nl', refusal);
    expect(html).toContain('P2026-00006');
    expect(html).toContain('Picqer antwoordde: Picqer weigerde het (HTTP 400');
    expect(html).toContain('Picklist cannot be closed in this status');
    expect(html).toContain('Zet het in Picqer recht en probeer opnieuw');
    expect(html).not.toContain('Picqer refused to close the picklist');
  });

  it('words the status bar’s last error from Picqer’s answer too', async () => {
    const html = await render('nl', refusal, 'status bar');
    expect(html).toContain('Picqer weigerde het (HTTP 400');
    expect(html).not.toContain('Picqer refused to close the picklist');
  });

  it('keeps the station’s own sentence where Picqer gave no answer', async () => {
    const html = await render('en', null);
    expect(html).toContain('Picqer refused to close the picklist');
  });
});
