import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import { moveSql } from '../../../electron/main/db/lifecycle';
import { enqueueOutbox, getOutboxRow, moveOutboxRows, type OutboxMove, type OutboxRowStatus } from '../../../electron/main/db/queries/outbox';
import { getPackSession, insertPackSession, reopenPackSession, setPackSessionStatus } from '../../../electron/main/db/queries/pack-sessions';
import { getPrintJob, insertPrintJob, movePrintJob, type PrintJobMove, type PrintJobStatus } from '../../../electron/main/db/queries/print-jobs';

/*
 * The status rules of the tables with a lifecycle (pack_sessions, outbox, print_jobs), each
 * written once in db/: which moves a row in each status takes, and what a move writes.
 */

const t0 = '2026-11-02T09:00:00.000Z';
const t1 = '2026-11-02T09:05:00.000Z';
const t2 = '2026-11-02T09:10:00.000Z';
let db: Database;

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('moveSql', () => {
  it('guards a move by the statuses it may leave from, and by its further condition', () => {
    expect(moveSql('outbox', { from: ['pending', 'unknown'], to: 'done', set: { last_error: '@error' }, only: 'attempts = 0' }, 'id = @id')).toBe(
      "UPDATE outbox SET status = 'done', last_error = @error, updated_at = @now WHERE (id = @id) AND status IN ('pending', 'unknown') AND attempts = 0",
    );
    expect(moveSql('print_jobs', { from: 'any', to: 'failed' }, 'id = @id')).toBe("UPDATE print_jobs SET status = 'failed', updated_at = @now WHERE (id = @id)");
  });
});

describe('pack session status', () => {
  const newSession = () =>
    insertPackSession(db, {
      idpicklist: 1,
      iduser: 7,
      stationName: 'Station 1',
      isOnline: true,
      assignedElsewhere: null,
      idshippingproviderProfile: null,
      profiles: [],
      comments: [],
      now: t0,
    });

  it('keeps the first completion when a replayed step says completed again', () => {
    const id = newSession();
    setPackSessionStatus(db, id, 'completing', { now: t0 });
    expect(getPackSession(db, id)?.completedAt).toBeNull();
    setPackSessionStatus(db, id, 'completed', { now: t1 });
    setPackSessionStatus(db, id, 'completed', { now: t2 });
    const session = getPackSession(db, id);
    expect(session?.status).toBe('completed');
    expect(session?.completedAt).toBe(t1);
    expect(session?.updatedAt).toBe(t2);
  });

  it('stores the alert given with a move and clears it on the next move without one', () => {
    const id = newSession();
    setPackSessionStatus(db, id, 'alert', { now: t1, alert: 'Picklist P2026-1 is cancelled in Picqer.' });
    expect(getPackSession(db, id)).toMatchObject({ status: 'alert', alert: 'Picklist P2026-1 is cancelled in Picqer.', completedAt: null });
    reopenPackSession(db, id, { iduser: 8, isOnline: true, assignedElsewhere: null, idshippingproviderProfile: null, profiles: [], comments: [], now: t2 });
    expect(getPackSession(db, id)).toMatchObject({ status: 'open', alert: null, iduser: 8, updatedAt: t2 });
  });
});

describe('outbox row moves', () => {
  const statuses: OutboxRowStatus[] = ['pending', 'in_flight', 'unknown', 'done', 'failed'];
  /** A row put straight into a status, to try one move from it. */
  const rowIn = (status: OutboxRowStatus, attempts = 0) => {
    const id = enqueueOutbox(db, { idpicklist: 1, kind: 'assign', payload: { iduser: 7 } }, t0);
    db.prepare('UPDATE outbox SET status = ?, attempts = ? WHERE id = ?').run(status, attempts, id);
    return id;
  };
  const leavesFrom = (move: OutboxMove) => statuses.filter((status) => moveOutboxRows(db, { id: rowIn(status) }, move, t1, { error: 'why' }) === 1);

  it('moves a row only from the statuses its lifecycle allows', () => {
    expect(leavesFrom('claim')).toEqual(['pending', 'unknown']);
    expect(leavesFrom('sent')).toEqual(['in_flight']);
    expect(leavesFrom('retry')).toEqual(['in_flight']);
    expect(leavesFrom('retryUnknown')).toEqual(['in_flight']);
    expect(leavesFrom('setAside')).toEqual(['pending', 'in_flight', 'unknown', 'failed']);
    expect(leavesFrom('settleUnsent')).toEqual(['pending', 'unknown']);
    expect(leavesFrom('dropHeld')).toEqual(['pending']);
    expect(leavesFrom('requeue')).toEqual(['failed']);
    expect(leavesFrom('discard')).toEqual(['failed']);
    expect(leavesFrom('restart')).toEqual(['in_flight']);
  });

  it('drops a held row only while it was never tried', () => {
    const tried = rowIn('pending', 1);
    expect(moveOutboxRows(db, { id: tried }, 'dropHeld', t1, { error: 'Not sent: someone else has it' })).toBe(0);
    expect(getOutboxRow(db, tried)?.status).toBe('pending');
  });

  it('counts an attempt on a claim and clears the error and answer once sent', () => {
    const id = rowIn('pending');
    moveOutboxRows(db, { id }, 'claim', t1);
    moveOutboxRows(db, { id }, 'retryUnknown', t1, { error: 'timeout', nextAttemptAt: t2, answer: { code: 'OFFLINE', httpStatus: 504, picqerErrorCode: null, picqerMessage: null } });
    expect(getOutboxRow(db, id)).toMatchObject({ status: 'unknown', attempts: 1, lastError: 'timeout', nextAttemptAt: t2 });
    expect(getOutboxRow(db, id)?.lastAnswerJson).not.toBeNull();
    moveOutboxRows(db, { id }, 'claim', t2);
    moveOutboxRows(db, { id }, 'sent', t2);
    expect(getOutboxRow(db, id)).toMatchObject({ status: 'done', attempts: 2, lastError: null, lastAnswerJson: null, nextAttemptAt: null, updatedAt: t2 });
  });

  it('settles the unsent rows of one pack session and leaves the others', () => {
    const mine = enqueueOutbox(db, { idpicklist: 1, kind: 'close', payload: { packSessionId: 5 } }, t0);
    const other = enqueueOutbox(db, { idpicklist: 1, kind: 'close', payload: { packSessionId: 6 } }, t0);
    expect(moveOutboxRows(db, { packSessionId: 5 }, 'settleUnsent', t1, { error: 'Shipment cancelled' })).toBe(1);
    expect(getOutboxRow(db, mine)).toMatchObject({ status: 'done', lastError: 'Shipment cancelled' });
    expect(getOutboxRow(db, other)?.status).toBe('pending');
  });
});

describe('print job moves', () => {
  const statuses: PrintJobStatus[] = ['queued', 'printing', 'done', 'failed'];
  const jobIn = (status: PrintJobStatus) => {
    const id = insertPrintJob(
      db,
      { kind: 'test', idpicklist: null, shipmentId: null, printer: 'Zebra', format: 'pdf', documentPath: '/tmp/x.pdf', isReprint: false, failure: null },
      t0,
    );
    db.prepare('UPDATE print_jobs SET status = ? WHERE id = ?').run(status, id);
    return id;
  };
  const leavesFrom = (move: PrintJobMove) => statuses.filter((status) => movePrintJob(db, jobIn(status), move, t1, { target: 'cups:Zebra', error: 'offline' }));

  it('moves a job only from the statuses its lifecycle allows', () => {
    expect(leavesFrom('claim')).toEqual(['queued']);
    expect(leavesFrom('retry')).toEqual(['failed']);
    expect(leavesFrom('done')).toEqual(statuses);
    expect(leavesFrom('requeue')).toEqual(statuses);
    expect(leavesFrom('fail')).toEqual(statuses);
  });

  it('records where a claimed job went, when it printed, and starts attempts over on a retry', () => {
    const id = jobIn('queued');
    movePrintJob(db, id, 'claim', t1, { target: 'cups:Zebra' });
    expect(getPrintJob(db, id)).toMatchObject({ status: 'printing', target: 'cups:Zebra', attempts: 1 });
    movePrintJob(db, id, 'fail', t1, { error: 'Printer offline' });
    expect(getPrintJob(db, id)).toMatchObject({ status: 'failed', lastError: 'Printer offline' });
    movePrintJob(db, id, 'retry', t2);
    expect(getPrintJob(db, id)).toMatchObject({ status: 'queued', attempts: 0, target: null, lastError: null });
    movePrintJob(db, id, 'claim', t2, { target: 'cups:Zebra' });
    movePrintJob(db, id, 'done', t2);
    expect(getPrintJob(db, id)).toMatchObject({ status: 'done', printedAt: t2, lastError: null });
  });
});
