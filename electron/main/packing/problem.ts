import type { Language, Person } from '../../../shared/domain';
import { createT } from '../../../shared/i18n';
import { reason } from '../../../shared/reasons';
import { alertToStore } from './reasons';
import type { ProblemAction, ProblemReason } from '../../../shared/packing';
import { getPackSession, setPackSessionStatus, type PackSessionRecord } from '../db/queries/pack-sessions';
import { formatPicqerDate } from '../picqer/client';
import type { PackContext } from './context';
import type { ActiveSession } from './types';
import { enqueueOutbox } from '../db/queries/outbox';

export interface MissingLine {
  name: string;
  productcode: string;
  missing: number;
}

/**
 * The comment Picqer shows on the picklist, in the station's language: what, which products are
 * not packed yet and how many (so whoever picks it up knows what to fetch without recounting), the
 * packer's note, who and where.
 */
export function problemComment(input: {
  language: Language;
  reason: ProblemReason;
  note: string | null;
  packer: Person | null;
  station: string;
  picklistid: string;
  missing?: readonly MissingLine[];
}): string {
  const t = createT(input.language);
  const lines = (input.missing ?? []).map((l) => t('picqer.comment.line', { count: l.missing, name: l.name, productcode: l.productcode }));
  return t('picqer.comment', {
    problem: t(`picqer.problem.${input.reason}`),
    picklistid: input.picklistid,
    missing: lines.length > 0 ? t('picqer.comment.missing', { lines: lines.join(', ') }) : '',
    note: input.note ? t('picqer.comment.note', { note: input.note }) : '',
    who: input.packer ? input.packer.name : t('picqer.comment.someone'),
    station: input.station,
  });
}

/** The countable lines not complete yet, with how many of each are still missing. */
export function missingLines(session: ActiveSession): MissingLine[] {
  return session.leaves
    .filter((l) => l.verified < l.row.amount)
    .map((l) => ({ name: l.row.name, productcode: l.row.productcode, missing: l.row.amount - l.verified }));
}

/** Picqer's pause reason, in the station's language: short, it is shown in lists. */
export function pauseReason(language: Language, reason: ProblemReason, note: string | null): string {
  const t = createT(language);
  const sentence = t(`picqer.pause.${reason}`);
  return note ? t('picqer.pause.withNote', { reason: sentence, note }) : sentence;
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
  const language = deps.language();
  const body = problemComment({
    language,
    reason: input.reason,
    note: input.note,
    packer: deps.packer(),
    station: deps.stationName(),
    picklistid: session.picklist.picklistid,
    missing: missingLines(session),
  });
  const now = ctx.now();
  db.transaction(() => {
    setPackSessionStatus(db, session.record.id, 'problem', { now, alert: alertToStore(reason('pack.problemReported', { picklistid: session.picklist.picklistid })) });
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
        enqueueOutbox(db, { idpicklist, kind: 'pause', payload: { reason: pauseReason(language, input.reason, input.note) } }, now);
        break;
    }
  })();
  deps.kickOutbox();
  const after = getPackSession(db, session.record.id);
  if (!after) throw new Error(`Pack session ${session.record.id} vanished after its commit`);
  return after;
}
