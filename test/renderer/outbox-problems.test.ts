import { describe, expect, it } from 'vitest';
import type { OutboxProblems } from '../../shared/contract';
import { createT } from '../../renderer/src/i18n';
import {
  createOutboxStore,
  selectConfirmingDiscard,
  selectLabelledParcels,
  selectOutboxProblems,
  selectProblemError,
} from '../../renderer/src/stores/outbox';
import { ApiError } from '../../renderer/src/api/client';
import { createFakeApi } from './fake-api';

/*
 * The set-aside changes as the packer sees them: listed with their reason, retried with one
 * press, discarded only after a second "yes"; and the parcels that got their labels after
 * waiting, until the packer has seen them.
 */

const problem = (id: number, overrides: Partial<OutboxProblems['problems'][number]> = {}): OutboxProblems['problems'][number] => ({
  id,
  idpicklist: 9000000 + id,
  picklistid: `P2026-0000${id}`,
  kind: 'ship',
  reason: `Picklist P2026-0000${id} was cancelled in Picqer. No shipment was made.`,
  why: null,
  at: '2026-11-02T09:00:00.000Z',
  heldBack: 2,
  answer: null,
  canRetry: true,
  ...overrides,
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('outbox problems store', () => {
  it('loads the list and follows the event', async () => {
    const api = createFakeApi();
    api.handle('outbox.status', () => ({ pending: 0, failed: 3, labelsPending: [], lastError: null }));
    api.handle('outbox.problems', () => ({ problems: [problem(1)], labelled: [] }));
    const outbox = createOutboxStore(api);
    outbox.getState().start();
    await outbox.getState().load();
    await flush();
    expect(selectOutboxProblems(outbox.getState()).map((p) => p.id)).toEqual([1]);
    api.emit('outbox.problems', { problems: [], labelled: [{ idpicklist: 9000001, picklistid: 'P2026-00001', at: '2026-11-02T09:05:00.000Z' }] });
    expect(selectOutboxProblems(outbox.getState())).toEqual([]);
    expect(selectLabelledParcels(outbox.getState()).map((l) => l.picklistid)).toEqual(['P2026-00001']);
  });

  it('discards only after the packer said yes, and sends the confirmation along', async () => {
    const api = createFakeApi();
    api.handle('outbox.discard', (input) => {
      expect(input).toEqual({ id: 1, isConfirmed: true });
      return api.emitAck('outbox.problems', { problems: [], labelled: [] });
    });
    const outbox = createOutboxStore(api);
    outbox.getState().start();
    api.emit('outbox.problems', { problems: [problem(1), problem(2)], labelled: [] });

    expect(await outbox.getState().discardProblem(1)).toBe(false);
    expect(api.callsOf('outbox.discard')).toEqual([]);
    outbox.getState().askDiscard(1);
    expect(selectConfirmingDiscard(outbox.getState())).toBe(1);
    outbox.getState().cancelDiscard();
    expect(await outbox.getState().discardProblem(1)).toBe(false);

    outbox.getState().askDiscard(1);
    expect(await outbox.getState().discardProblem(1)).toBe(true);
    expect(api.callsOf('outbox.discard')).toHaveLength(1);
    expect(selectOutboxProblems(outbox.getState())).toEqual([]);
    expect(selectConfirmingDiscard(outbox.getState())).toBeNull();
  });

  it("retries, and shows main's refusal in the packer's words", async () => {
    const api = createFakeApi();
    api.handle('outbox.retry', ({ id }) => {
      if (id === 2) throw new ApiError('CONFLICT', 'Picklist P2026-00002 is being packed again; completing it sends a new parcel.');
      return api.emitAck('outbox.problems', { problems: [problem(2, { canRetry: false })], labelled: [] });
    });
    const outbox = createOutboxStore(api);
    outbox.getState().start();
    api.emit('outbox.problems', { problems: [problem(1), problem(2)], labelled: [] });
    expect(await outbox.getState().retryProblem(1)).toBe(true);
    expect(selectOutboxProblems(outbox.getState()).map((p) => p.id)).toEqual([2]);
    expect(await outbox.getState().retryProblem(2)).toBe(false);
    expect(selectProblemError(outbox.getState())?.message).toMatch(/being packed again/);
  });

  it('keeps a seen notice away when main sends the list again', () => {
    const api = createFakeApi();
    const outbox = createOutboxStore(api);
    outbox.getState().start();
    const labelled = [
      { idpicklist: 1, picklistid: 'P1', at: '2026-11-02T09:05:00.000Z' },
      { idpicklist: 2, picklistid: 'P2', at: '2026-11-02T09:06:00.000Z' },
    ];
    api.emit('outbox.problems', { problems: [], labelled });
    outbox.getState().dismissLabelled(labelled[0] as (typeof labelled)[number]);
    api.emit('outbox.problems', { problems: [], labelled });
    expect(selectLabelledParcels(outbox.getState()).map((l) => l.picklistid)).toEqual(['P2']);
  });

  it('names every kind of change in both languages', () => {
    for (const language of ['en', 'nl'] as const) {
      const t = createT(language);
      const kinds = ['assign', 'unassign', 'pick', 'ship', 'documents', 'close', 'comment', 'snooze', 'pause', 'cancel_shipment'] as const;
      for (const kind of kinds) expect(t(`outbox.kind.${kind}`)).not.toMatch(/^outbox\./);
    }
    expect(createT('nl')('outbox.problem.discardQuestion')).toMatch(/weggooien/);
    expect(createT('nl')('status.outbox.offline', { count: 3 })).toBe('Offline: 3 wijzigingen wachten');
  });
});
