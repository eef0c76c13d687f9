import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSoundStore } from '../../renderer/src/stores/sound';
import { createOutboxStore, selectPrintFailures } from '../../renderer/src/stores/outbox';
import type { SoundName } from '../../renderer/src/sound/specs';
import type { ScanAnswer, SessionState } from '../../shared/packing';
import { answerFixture, appStateFixture, createFakeApi, packLineFixture, parcelFixture, sessionFixture, settle } from './fake-api';
import { packStation } from './pack-station';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const scanEvent = (code: string, multiplier: number | null = null) => ({ type: 'scan' as const, code, multiplier, terminator: 'Enter' as const });

describe('scan controller', () => {
  it('submits a wedge scan with its multiplier, shows the answer and plays its sound', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const session = sessionFixture();
    api.handle('scan.submit', ({ code, multiplier }) =>
      api.answer({ code, outcome: 'counted', amount: multiplier ?? 1 }, { ...session, verifiedUnits: multiplier ?? 1 }),
    );
    stores.scanner.onWedge({ type: 'multiplier', value: 2 });
    expect(stores.scan.getState().multiplier).toBe(2);
    stores.scanner.onWedge(scanEvent('8712345000011', 2));
    stores.scanner.onWedge({ type: 'multiplier', value: null });
    await settle();
    expect(api.callsOf('scan.submit')).toEqual([{ code: '8712345000011', source: 'wedge', multiplier: 2 }]);
    expect(stores.scan.getState().lastAnswer?.outcome).toBe('counted');
    expect(stores.session.getState().session?.verifiedUnits).toBe(2);
    expect(played).toEqual(['counted']);
    expect(stores.scan.getState().multiplier).toBeNull();
  });

  it('a refused scan clears digits typed while it was on its way: they may be its lost tail (issue 12)', async () => {
    const { api, played, stores } = packStation();
    let reset = 0;
    stores.scanner.attachMultiplierReset(() => (reset += 1));
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'partial_scan' }, sessionFixture()));
    stores.scanner.onWedge(scanEvent('875760000114'));
    stores.scanner.onWedge({ type: 'multiplier', value: 3 });
    await settle();
    expect(stores.scan.getState().lastAnswer?.outcome).toBe('partial_scan');
    expect(stores.scan.getState().multiplier).toBeNull();
    expect(reset).toBe(1);
    expect(played).toEqual(['partial']);
  });

  it('opens the pack screen on "opened", and goes back to the ready screen with "sent" after completing', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    const session = sessionFixture();
    api.handle('scan.submit', ({ code }) => api.answer({ kind: 'opened', code }, session));
    await stores.scanner.submit('P2026-0101', null);
    expect(stores.ui.getState().screen).toBe('pack');

    api.publish({ ...session, lines: session.lines.map((l) => ({ ...l, verified: l.amount })), verifiedUnits: 3, isAllVerified: true, state: 'completing' });
    api.publish(null);
    expect(stores.ui.getState().screen).toBe('queue');
    expect(stores.session.getState().departure).toEqual({ kind: 'sent', picklistid: 'P2026-0101', state: 'completing' });

    // The next picklist clears the message.
    api.publish(sessionFixture({ id: 2, idpicklist: 102, picklistid: 'P2026-0102' }));
    expect(stores.session.getState().departure).toBeNull();
    expect(stores.ui.getState().screen).toBe('pack');
  });

  it('leaving is not a parcel sent', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.handle('pack.leave', () => api.ack('left', null));
    api.publish(sessionFixture({ isAllVerified: true }));
    await stores.session.getState().leave();
    expect(stores.session.getState().session).toBeNull();
    expect(stores.session.getState().departure).toBeNull();
    expect(stores.ui.getState().screen).toBe('queue');
  });

  it('offers a choice of picklists; scanning one of them or typing its number chooses it', async () => {
    const { api, played, stores } = packStation();
    const choices: ScanAnswer['picklistChoices'] = [
      { idpicklist: 105, picklistid: 'P2026-0105', customer: 'Studio Noord', reference: 'LS-2291', status: 'new' },
      { idpicklist: 101, picklistid: 'P2026-0101', customer: 'Bakkerij', reference: null, status: 'new' },
    ];
    // Main decides what a scan means, also in front of the chooser: a picklist's own code opens it.
    api.handle('scan.submit', ({ code }) => {
      const chosen = choices.find((c) => c.picklistid === code.toUpperCase());
      return chosen
        ? api.answer({ kind: 'opened', code }, sessionFixture({ idpicklist: chosen.idpicklist }))
        : answerFixture({ kind: 'choose_picklist', code, picklistChoices: choices });
    });
    api.handle('pack.open', ({ idpicklist }) => api.answer({ kind: 'opened', code: String(idpicklist) }, sessionFixture({ idpicklist })));
    await stores.scanner.submit('LS-2291', null);
    expect(stores.ui.getState().dialog).toEqual({ kind: 'choosePicklist', code: 'LS-2291', choices });
    expect(played).toEqual(['ambiguous']);

    await stores.scanner.submit('p2026-0101', null);
    expect(api.callsOf('scan.submit').at(-1)).toEqual({ code: 'p2026-0101', source: 'wedge' });
    expect(api.callsOf('pack.open')).toEqual([]);
    expect(stores.ui.getState().dialog).toBeNull();
    expect(stores.ui.getState().screen).toBe('pack');

    await stores.scanner.submit('LS-2291', null);
    const reset = vi.fn();
    stores.scanner.attachMultiplierReset(reset);
    stores.scanner.onWedge({ type: 'multiplier', value: 1 });
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('pack.open').at(-1)).toEqual({ idpicklist: 105 });
    expect(reset).toHaveBeenCalled();
  });

  it('an ambiguous product opens the product chooser; the choice goes to pack.choose', async () => {
    const { api, stores } = packStation();
    const productChoices = [
      { idproduct: 1, name: 'Theelepel zilver', productcode: 'TL-Z', image: null },
      { idproduct: 2, name: 'Theelepel goud', productcode: 'TL-G', image: null },
    ];
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'ambiguous', productChoices }, sessionFixture()));
    api.handle('pack.choose', () => api.answer({ outcome: 'counted' }, sessionFixture()));
    await stores.scanner.submit('8712345000059', null);
    expect(stores.ui.getState().dialog?.kind).toBe('chooseProduct');
    await stores.scanner.choose(2);
    expect(api.callsOf('pack.choose')).toEqual([{ idproduct: 2 }]);
    expect(stores.ui.getState().dialog).toBeNull();
    expect(stores.scan.getState().lastAnswer?.outcome).toBe('counted');
  });

  it('a scan in front of the product chooser goes to main, without the number typed there, and main\'s answer closes it', async () => {
    const { api, stores } = packStation();
    const productChoices = [
      { idproduct: 1, name: 'Theelepel zilver', productcode: 'TL-Z', image: null },
      { idproduct: 2, name: 'Theelepel goud', productcode: 'TL-G', image: null },
    ];
    api.handle('scan.submit', ({ code }) =>
      code === 'TL-G' ? api.answer({ code, outcome: 'counted' }, sessionFixture()) : api.answer({ code, outcome: 'ambiguous', productChoices }, sessionFixture()),
    );
    await stores.scanner.submit('8712345000059', null);
    expect(stores.ui.getState().dialog?.kind).toBe('chooseProduct');
    stores.scanner.onWedge({ type: 'multiplier', value: 2 });
    stores.scanner.onWedge({ ...scanEvent('TL-G', 2) });
    await settle();
    expect(api.callsOf('scan.submit')).toEqual([
      { code: '8712345000059', source: 'wedge' },
      { code: 'TL-G', source: 'wedge' },
    ]);
    expect(api.callsOf('pack.choose')).toEqual([]);
    expect(stores.ui.getState().dialog).toBeNull();
    expect(stores.scan.getState().lastAnswer?.outcome).toBe('counted');
  });

  it('forwards the AIM identifier the wedge took off beside the code, also for a scan held behind a dialog', async () => {
    const { api, stores } = packStation();
    stores.start();
    await settle();
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'counted' }, sessionFixture()));
    stores.scanner.onWedge({ ...scanEvent('0108710000000440', 3), aim: ']C1' });
    await settle();
    expect(api.callsOf('scan.submit')).toEqual([{ code: '0108710000000440', aim: ']C1', source: 'wedge', multiplier: 3 }]);

    stores.ui.getState().openDialog({ kind: 'problem' });
    stores.scanner.onWedge({ ...scanEvent('8710000000440'), aim: ']E0' });
    await settle();
    expect(api.callsOf('scan.submit')).toHaveLength(1);
    stores.ui.getState().closeDialog();
    await settle();
    expect(api.callsOf('scan.submit').at(-1)).toEqual({ code: '8710000000440', aim: ']E0', source: 'wedge' });
  });

  it('follows command barcodes: PROBLEM opens the dialog, CANCEL closes it, REPRINT reprints the last label, and a CANCEL main answered leaves no second time', async () => {
    const { api, stores } = packStation();
    stores.start();
    const session = sessionFixture();
    api.publish(session);
    api.handle('scan.submit', ({ code }) => api.answer({ kind: 'command', code, command: code.slice(3) as ScanAnswer['command'] }, session));
    api.handle('pack.leave', () => api.ack('left', null));
    api.handle('history.list', () => [parcelFixture(201, { packedAt: '2026-03-02T08:00:00Z' }), parcelFixture(202, { packedAt: '2026-03-02T09:30:00Z' })]);
    api.handle('history.reprint', ({ idpicklist }) => api.emitAck('history.changed', { idpicklist }));

    await stores.scanner.submit('PD:PROBLEM', null);
    expect(stores.ui.getState().dialog).toEqual({ kind: 'problem' });
    await stores.scanner.submit('PD:CANCEL', null);
    expect(stores.ui.getState().dialog).toBeNull();
    expect(api.callsOf('pack.leave')).toEqual([]);

    await stores.scanner.submit('PD:REPRINT', null);
    await settle();
    expect(api.callsOf('history.reprint')).toEqual([{ idpicklist: 202, document: 'label' }]);

    // Without a dialog, CANCEL is main's: it leaves the picklist (session.changed says so), and the
    // screen does not leave a second time, which would also drop what main kept.
    api.handle('scan.submit', ({ code }) => {
      api.publish(null);
      return api.answer({ kind: 'command', code, command: 'CANCEL' }, null);
    });
    await stores.scanner.submit('PD:CANCEL', null);
    await settle();
    expect(api.callsOf('pack.leave')).toEqual([]);
    expect(stores.session.getState().session).toBeNull();
  });

  it('Enter completes only on the pack screen with every unit verified and no dialog open', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.handle('pack.complete', () => api.ack('handed_over', null));
    api.publish(sessionFixture());
    stores.scanner.onWedge({ type: 'enter' });
    expect(api.callsOf('pack.complete')).toEqual([]);

    const done = sessionFixture({ lines: [packLineFixture(1, { verified: 1 })] });
    api.publish(done);
    stores.ui.getState().openDialog({ kind: 'problem' });
    stores.scanner.onWedge({ type: 'enter' });
    expect(api.callsOf('pack.complete')).toEqual([]);
    stores.scanner.onWedge({ type: 'escape' });
    expect(stores.ui.getState().dialog).toBeNull();

    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('pack.complete')).toEqual([{}]);
  });

  it('leaves the pack screen after Complete even when main frees the station before it answers', async () => {
    const { api, stores } = packStation();
    stores.start();
    const done = sessionFixture({ lines: [packLineFixture(1, { verified: 1 })] });
    api.publish(done);
    api.handle('pack.complete', () => api.ack('handed_over', null));
    expect(await stores.session.getState().complete()).toBe(true);
    expect(stores.session.getState().session).toBeNull();
    expect(stores.session.getState().departure).toMatchObject({ kind: 'sent', picklistid: done.picklistid });
  });

  it('a scan the station cannot answer shows as a failure with the unknown sound', async () => {
    const { played, stores } = packStation();
    await stores.scanner.submit('8712345000011', null);
    expect(stores.scan.getState().error?.code).toBe('UNKNOWN_COMMAND');
    expect(stores.scan.getState().errorCode).toBe('8712345000011');
    expect(played).toEqual(['unknown']);
  });

  it('answers scans in the order they were made, even when the first answer is slow', async () => {
    const { api, stores } = packStation();
    const order: string[] = [];
    api.handle('scan.submit', async ({ code }) => {
      if (code === 'SLOW1') await new Promise((resolve) => setTimeout(resolve, 50));
      order.push(code);
      return answerFixture({ code, kind: 'not_found'  });
    });
    const first = stores.scanner.submit('SLOW1', null);
    const second = stores.scanner.submit('FAST2', null);
    await vi.advanceTimersByTimeAsync(60);
    await Promise.all([first, second]);
    expect(order).toEqual(['SLOW1', 'FAST2']);
    expect(stores.scan.getState().lastAnswer?.code).toBe('FAST2');
  });
});

describe('session store', () => {
  it('keeps a pushed session over an older pack.current answer', async () => {
    const { api, stores } = packStation();
    let release: (value: SessionState) => void = () => undefined;
    api.handle('pack.current', () => new Promise<SessionState>((resolve) => (release = resolve)));
    const loading = stores.session.getState().load();
    stores.session.getState().apply({ revision: 5, session: sessionFixture(), batch: null });
    // The read started before the event and answers with the older revision: not applied.
    release({ revision: 4, session: null, batch: null });
    await loading;
    expect(stores.session.getState().session?.picklistid).toBe('P2026-0101');
  });

  it('a problem reported takes the picklist off with a message', async () => {
    const { api, stores } = packStation();
    stores.start();
    // As main does: the session in its problem state, then the station free, then the acknowledgement.
    api.handle('pack.problem', () => {
      api.publish(sessionFixture({ state: 'problem', alert: { code: 'pack.problemReported', params: { picklistid: 'P2026-0101' } } }));
      return api.ack('problem_reported', null);
    });
    api.publish(sessionFixture());
    expect(await stores.session.getState().problem('damaged', '  Pot gebarsten ')).toBe(true);
    expect(api.callsOf('pack.problem')).toEqual([{ reason: 'damaged', note: 'Pot gebarsten' }]);
    expect(stores.session.getState().departure).toEqual({ kind: 'problem', picklistid: 'P2026-0101', state: 'problem' });
  });
});

describe('history and outbox stores', () => {
  it('re-reads today’s parcels on history.changed, newest first', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.handle('history.list', () => [parcelFixture(1, { packedAt: '2026-03-02T08:00:00Z' }), parcelFixture(2, { packedAt: '2026-03-02T10:00:00Z' })]);
    api.emit('history.changed', { idpicklist: 2 });
    await settle();
    expect(stores.history.getState().parcels.map((p) => p.idpicklist)).toEqual([2, 1]);
    api.handle('history.cancelShipment', ({ idpicklist }) => {
      api.handle('history.list', () => [parcelFixture(idpicklist, { state: 'cancelled' })]);
      return api.emitAck('history.changed', { idpicklist });
    });
    expect(await stores.history.getState().cancelShipment(2, 'Wrong box')).toBe(true);
    expect(stores.history.getState().parcels[0]?.state).toBe('cancelled');
  });

  it('keeps failed print jobs until they print after all', () => {
    const api = createFakeApi();
    const outbox = createOutboxStore(api);
    outbox.getState().start();
    api.emit('print.job', { id: 1, kind: 'label', idpicklist: 101, picklistid: null, status: 'failed', error: 'offline', reason: null });
    api.emit('print.job', { id: 2, kind: 'packing_slip', idpicklist: 101, picklistid: null, status: 'done', error: null, reason: null });
    expect(selectPrintFailures(outbox.getState()).map((j) => j.id)).toEqual([1]);
    api.emit('print.job', { id: 1, kind: 'label', idpicklist: 101, picklistid: null, status: 'done', error: null, reason: null });
    expect(selectPrintFailures(outbox.getState())).toEqual([]);
    api.emit('outbox.status', { pending: 3, failed: 0, labelsPending: [], lastError: null });
    expect(outbox.getState().status?.pending).toBe(3);
  });

  it('mute silences the sounds and survives a reload', () => {
    const played: SoundName[] = [];
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const sound = createSoundStore({ player: { play: (name) => played.push(name) }, storage });
    sound.getState().play('counted');
    sound.getState().toggleMute();
    sound.getState().play('wrong_item');
    expect(played).toEqual(['counted']);
    expect(sound.getState().lastSound).toBe('wrong_item');
    expect(createSoundStore({ storage }).getState().isMuted).toBe(true);
  });
});

describe('the answer panel follows every action, with its sound (issue 14)', () => {
  it('the Undo button replaces the last answer with "undone" and plays the undo sound', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const session = sessionFixture();
    api.publish(session);
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'counted', amount: 3 }, { ...session, verifiedUnits: 3 }));
    await stores.scanner.submit('8712345000011', 3);
    api.handle('pack.undo', () => api.answer({ kind: 'undone', outcome: null, amount: 3 }, { ...session, verifiedUnits: 0 }));
    expect(await stores.scanner.undo()).toBe(true);
    expect(stores.scan.getState().lastAnswer?.kind).toBe('undone');
    expect(stores.session.getState().session?.verifiedUnits).toBe(0);
    expect(played).toEqual(['counted', 'undone']);
  });

  it('a line confirmed by hand that completes the picklist shows the completion and chimes, not the wrong item before it', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const session = sessionFixture();
    api.publish(session);
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'wrong_item' }, session));
    await stores.scanner.submit('STICKER', null);
    api.handle('pack.confirmLine', () => {
      api.publish({ ...session, isAllVerified: true, state: 'completing' });
      api.publish(null);
      return api.answer({ code: 'SKU-105', outcome: 'all_verified' }, null);
    });
    expect(await stores.scanner.confirmLine({ idpicklist_product: 3, amount: 1, reason: 'no barcode' })).toBe(true);
    expect(stores.scan.getState().lastAnswer?.outcome).toBe('all_verified');
    expect(stores.session.getState().session).toBeNull();
    expect(stores.ui.getState().screen).toBe('queue');
    expect(played).toEqual(['wrong_item', 'all_verified']);
  });

  it('opening a picklist and reporting a problem each have a sound', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const session = sessionFixture();
    api.handle('scan.submit', ({ code }) => api.answer({ kind: 'opened', outcome: null, code }, session));
    await stores.scanner.submit('P2026-0101', null);
    api.handle('pack.problem', () => api.ack('problem_reported', null));
    expect(await stores.scanner.problem('missing')).toBe(true);
    expect(played).toEqual(['opened', 'problem']);
  });

  it('leaving practice forgets the practice parcel "sent" and its last answer', async () => {
    const { api, stores } = packStation();
    api.handle('app.state', () => appStateFixture({ isPractice: true }));
    stores.start();
    await settle();
    const session = sessionFixture();
    api.publish({ ...session, isAllVerified: true, state: 'completing' });
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'all_verified' }, null));
    await stores.scanner.submit('8712345000011', null);
    api.publish(null);
    expect(stores.session.getState().departure?.kind).toBe('sent');
    api.emit('app.state', appStateFixture({ isPractice: false }));
    await settle();
    expect(stores.session.getState().departure).toBeNull();
    expect(stores.scan.getState().lastAnswer).toBeNull();
  });
});
