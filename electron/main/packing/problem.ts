import type { Person } from '../../../shared/domain';
import type { ProblemAction, ProblemReason } from '../../../shared/packing';
import { getPackSession, setPackSessionStatus, type PackSessionRecord } from '../db/queries/pack-sessions';
import { formatPicqerDate } from '../picqer/client';
import { enqueueOutbox } from '../sync/outbox-rows';
import type { PackContext } from './context';
import type { ActiveSession } from './types';

const reasonText: Record<ProblemReason, string> = {
  missing: 'an item is missing',
  damaged: 'an item is damaged',
  wrong_stock: 'the stock is wrong',
  other: 'a problem',
};

export interface MissingLine {
  name: string;
  productcode: string;
  missing: number;
}

/**
 * The comment Picqer shows on the picklist: what, which products are not packed yet and how many
 * (so whoever picks it up knows what to fetch without recounting), the packer's note, who and where.
 */
export function problemComment(input: {
  reason: ProblemReason;
  note: string | null;
  packer: Person | null;
  station: string;
  picklistid: string;
  missing?: readonly MissingLine[];
}): string {
  const who = input.packer ? input.packer.name : 'a packer';
  const missing = input.missing?.length ? ` Not packed: ${input.missing.map((l) => `${l.missing} x ${l.name} (${l.productcode})`).join(', ')}.` : '';
  const note = input.note ? ` Note: ${input.note}` : '';
  return `Packdesk: ${reasonText[input.reason]} on picklist ${input.picklistid}.${missing}${note} Reported by ${who} at ${input.station}.`;
}

/** The countable lines not complete yet, with how many of each are still missing. */
export function missingLines(session: ActiveSession): MissingLine[] {
  return session.leaves
    .filter((l) => l.verified < l.row.amount)
    .map((l) => ({ name: l.row.name, productcode: l.row.productcode, missing: l.row.amount - l.verified }));
}

/** Picqer's pause reason: short, it is shown in lists. */
function pauseReason(reason: ProblemReason, note: string | null): string {
  const text = reasonText[reason];
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return note ? `${sentence}: ${note}` : sentence;
}

/**
 * Takes the picklist off this station: a comment in Picqer and, per the station setting, an
 * unassign, snooze or pause, queued in the commit that marks the session 'problem'. The scans stay
 * with the session, so whoever opens the picklist again carries on from them.
 */
export function reportProblem(
  ctx: PackContext,
  session: ActiveSession,
  input: { reason: ProblemReason; note: string | null; action: ProblemAction; snoozeHours: number },
): PackSessionRecord {
  const { db, deps } = ctx;
  const idpicklist = session.picklist.idpicklist;
  const body = problemComment({
    reason: input.reason,
    note: input.note,
    packer: deps.packer(),
    station: deps.stationName(),
    picklistid: session.picklist.picklistid,
    missing: missingLines(session),
  });
  const now = ctx.now();
  db.transaction(() => {
    setPackSessionStatus(db, session.record.id, 'problem', { now, alert: body });
    enqueueOutbox(db, { idpicklist, kind: 'comment', payload: { body } }, now);
    switch (input.action) {
      case 'unassign':
        enqueueOutbox(db, { idpicklist, kind: 'unassign', payload: {} }, now);
        break;
      case 'snooze': {
        const until = formatPicqerDate(new Date(deps.clock.now() + input.snoozeHours * 3_600_000), deps.timeZone ?? 'Europe/Amsterdam');
        enqueueOutbox(db, { idpicklist, kind: 'snooze', payload: { until } }, now);
        break;
      }
      case 'pause':
        enqueueOutbox(db, { idpicklist, kind: 'pause', payload: { reason: pauseReason(input.reason, input.note) } }, now);
        break;
    }
  })();
  deps.kickOutbox();
  const after = getPackSession(db, session.record.id);
  if (!after) throw new Error(`Pack session ${session.record.id} vanished after its commit`);
  return after;
}
