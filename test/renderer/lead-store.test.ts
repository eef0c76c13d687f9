import { describe, expect, it } from 'vitest';
import { openLeadState, type AppState } from '../../shared/domain';
import { ApiError, unwrapResult } from '../../renderer/src/api/client';
import { createAppStore } from '../../renderer/src/stores/app';
import { createLeadStore } from '../../renderer/src/stores/lead';
import { createUiStore } from '../../renderer/src/stores/ui';
import { appStateFixture, createFakeApi } from './fake-api';

const locked: AppState = appStateFixture({ lead: { ...openLeadState, isProtected: true, hasPin: true } });
const unlocked: AppState = appStateFixture({
  lead: { ...openLeadState, isProtected: true, hasPin: true, isUnlocked: true, unlockedWith: 'pin', unlockedUntil: '2026-03-02T09:05:00.000Z' },
});

function setup(state: AppState) {
  const api = createFakeApi();
  const app = createAppStore(api);
  app.getState().setAppState(state, 0, true);
  const ui = createUiStore();
  const lead = createLeadStore(api, app, ui);
  return { api, app, ui, lead };
}

describe('asking a shift lead first', () => {
  it('does the action at once on a station with no PIN, or one a lead unlocked', () => {
    for (const state of [appStateFixture(), unlocked]) {
      const { lead, ui } = setup(state);
      let done = 0;
      lead.getState().ask(() => (done += 1));
      expect(done).toBe(1);
      expect(ui.getState().dialog).toBeNull();
    }
  });

  it('asks for the PIN on a locked station, and does the action only once a lead unlocked', async () => {
    const { api, lead, ui, app } = setup(locked);
    let done = 0;
    lead.getState().ask(() => (done += 1));
    expect(done).toBe(0);
    expect(ui.getState().dialog).toEqual({ kind: 'leadUnlock' });

    api.handle('lead.unlock', (input) => {
      if ('pin' in input && input.pin === '4711') {
        api.handle('app.state', () => unlocked);
        return api.appAck(unlocked);
      }
      throw new ApiError('FORBIDDEN', 'That PIN is not right.', false, { code: 'lead.wrongPin', params: {} });
    });
    expect(await lead.getState().unlock({ pin: '1234' })).toBe(false);
    expect(lead.getState().error?.reason).toEqual({ code: 'lead.wrongPin', params: {} });
    expect(done).toBe(0);
    expect(ui.getState().dialog).toEqual({ kind: 'leadUnlock' });

    expect(await lead.getState().unlock({ pin: '4711' })).toBe(true);
    expect(done).toBe(1);
    expect(ui.getState().dialog).toBeNull();
    expect(app.getState().appState?.lead.isUnlocked).toBe(true);
  });

  it('reads main’s reason from a refused command', () => {
    expect(() => unwrapResult({ ok: false, error: { code: 'FORBIDDEN', message: 'A shift lead must unlock this.', reason: { code: 'lead.required', params: {} } } })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', reason: { code: 'lead.required', params: {} } }),
    );
  });
});
