import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client';
import { createPeopleStore } from '../../renderer/src/stores/people';
import { appStateFixture, createFakeApi } from './fake-api';

describe('people store', () => {
  it('starts practice, hands the new app state on, and keeps the score when practice ends', async () => {
    const api = createFakeApi();
    const revisions: number[] = [];
    const store = createPeopleStore(api, async (revision) => {
      revisions.push(revision);
    });
    api.handle('practice.start', () => api.appAck(appStateFixture({ isPractice: true })));
    api.handle('practice.stop', () => ({ parcels: 2, scans: 11, misScans: 1, accuracy: 90.9, medianSecondsPerParcel: 41, minutes: 6 }));

    expect(await store.getState().startPractice()).toBe(true);
    // The acknowledgement names the revision of the app.state event that said so.
    expect(revisions).toEqual([1]);
    expect(await store.getState().stopPractice()).toBe(true);
    expect(store.getState().score).toMatchObject({ parcels: 2, accuracy: 90.9 });
    store.getState().dismissScore();
    expect(store.getState().score).toBeNull();
  });

  it('keeps a refusal to show, and asks for one packer’s badge or everyone’s', async () => {
    const api = createFakeApi();
    const store = createPeopleStore(api, async () => undefined);
    api.handle('practice.start', () => {
      throw new ApiError('CONFLICT', 'End practice first');
    });
    expect(await store.getState().startPractice()).toBe(false);
    expect(store.getState().error).toMatchObject({ code: 'CONFLICT' });

    api.handle('packer.badges', (input) => ({ filename: input.iduser ? `packdesk-badge-${input.iduser}.pdf` : 'packdesk-badges.pdf', pdfBase64: 'JVBERi0=' }));
    expect((await store.getState().badges())?.filename).toBe('packdesk-badges.pdf');
    expect((await store.getState().badges(24))?.filename).toBe('packdesk-badge-24.pdf');
    expect(api.callsOf('packer.badges')).toEqual([{}, { iduser: 24 }]);
    expect(store.getState().error).toBeNull();
  });
});
