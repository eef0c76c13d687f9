import { adviceOutcomeCounts } from '../db/queries/box-advice-outcomes';
import type { Database } from 'better-sqlite3';
import type { StatsFigures, StatsSummary } from '../../../shared/contract';
import type { Clock } from '../infra/clock';
import { getUser } from '../db/queries/users';
import { defaultShifts, hourIndex, localDayIn, stationTimeZone, statsWindow, type ShiftDefinition, type StatsWindow } from './shifts';
import { countingOutcomes, scanEventsBetween, type StatsScanRow } from '../db/queries/scan-events';
import { sessionsEndedBetween, type StatsSessionRow } from '../db/queries/pack-sessions';

/*
 * Stats per packer and per station from the station's own records (issue 8). The definitions,
 * which docs/packing.md ("Stats") repeats for shift leads:
 *
 * - scan: one scan event. A multiplied scan that counted on two lines of the same product is
 *   stored as two events of one batch and counts once. Everything scanned counts: products,
 *   picklists opened, command barcodes, refusals.
 * - product scan: a scan of an item into the box (counted, line complete, all verified, wrong
 *   item, too many, unknown barcode, ambiguous). Lines confirmed by hand are not scans of an item.
 * - mis-scan: wrong item, too many, unknown barcode: the packer picked up or scanned the wrong
 *   thing. Ambiguous is not one (two products share the barcode, nobody's mistake), nor is a
 *   refused picklist or a product scanned with no picklist open. Mis-scan rate = mis-scans /
 *   product scans.
 * - unit: a verified unit, from a counting scan event that was not undone (hand confirmations too).
 * - parcel: a pack session the packer completed (it went to the outbox), counted in the window
 *   of that moment; one stopped by an alert or whose shipment was cancelled is not a parcel.
 * - scanning: from the session's start (the open) to its completion. A session left and resumed,
 *   or reported as a problem and packed later, counts its whole span.
 * - waiting for the label: from completion until the last of its labels printed; where no label
 *   print job finished (no label printer, or it failed) until the labels were fetched and queued,
 *   the end of "labels pending". A parcel still waiting is left out until it has its label.
 * - problems: from the start of a session to its problem report, for sessions whose last word was
 *   a problem report.
 *
 * Packers and stations are the ones on each record: a scan belongs to whoever was signed in, a
 * parcel to the packer who completed it. Medians are per parcel (or problem session), in seconds.
 */

export const misScanOutcomes: readonly string[] = ['wrong_item', 'too_many', 'unknown_barcode'];
export const productScanOutcomes: readonly string[] = [...countingOutcomes, ...misScanOutcomes, 'ambiguous'];
const counting: readonly string[] = countingOutcomes;
const parcelStatuses: readonly string[] = ['completing', 'labels_pending', 'completed'];

export interface StatsQuery {
  day?: string;
  shift?: string;
}

export interface StatsOptions {
  clock: Pick<Clock, 'now'>;
  /** IANA zone the day and shifts are read in; the machine's by default. */
  timeZone?: string;
  /** The station's shifts; `defaultShifts` when it has none of its own. */
  shifts?: readonly ShiftDefinition[];
}

/** The window asked for, with the defaults filled in: today, the whole day, the default shifts. */
export function resolveWindow(query: StatsQuery, options: StatsOptions): { window: StatsWindow; today: string; timeZone: string; shifts: readonly ShiftDefinition[] } {
  const timeZone = options.timeZone ?? stationTimeZone();
  const shifts = options.shifts ?? defaultShifts;
  const today = localDayIn(options.clock.now(), timeZone);
  return { window: statsWindow(query.day ?? today, query.shift ?? null, shifts, timeZone), today, timeZone, shifts };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (fromIso: string, toIso: string) => Math.max(0, (Date.parse(toIso) - Date.parse(fromIso)) / 1000);
const tenths = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

interface Tally {
  parcels: number;
  units: number;
  scans: number;
  productScans: number;
  misScans: number;
  problemSessions: number;
  weightOverrides: number;
  scanning: number[];
  waiting: number[];
  problems: number[];
}

const newTally = (): Tally => ({ parcels: 0, units: 0, scans: 0, productScans: 0, misScans: 0, problemSessions: 0, weightOverrides: 0, scanning: [], waiting: [], problems: [] });

function figures(t: Tally): StatsFigures {
  return {
    parcels: t.parcels,
    units: t.units,
    scans: t.scans,
    productScans: t.productScans,
    misScans: t.misScans,
    misScanRate: t.productScans === 0 ? null : t.misScans / t.productScans,
    problemSessions: t.problemSessions,
    weightOverrides: t.weightOverrides,
    medianSeconds: { scanning: tenths(median(t.scanning)), waitingForLabel: tenths(median(t.waiting)), problems: tenths(median(t.problems)) },
  };
}

function addScan(t: Tally, scan: StatsScanRow): void {
  // A shift lead's word on a parcel's weight, recorded beside the scans: no trigger pull.
  if (scan.outcome === 'weight_override') {
    t.weightOverrides += 1;
    return;
  }
  // The second event of a multiplied scan carries its units, not another trigger pull.
  const isScan = scan.batch === null;
  if (isScan) t.scans += 1;
  if (isScan && scan.source !== 'manual' && productScanOutcomes.includes(scan.outcome)) t.productScans += 1;
  if (misScanOutcomes.includes(scan.outcome)) t.misScans += 1;
  if (counting.includes(scan.outcome) && scan.undoneAt === null) t.units += scan.quantity;
}

/** What a session adds to the window, or nothing when its completion or problem lies elsewhere. */
export type SessionEnd =
  | { kind: 'parcel'; at: string; scanning: number; waiting: number | null }
  | { kind: 'problem'; at: string; problem: number };

export function sessionEnd(session: StatsSessionRow, window: StatsWindow): SessionEnd | null {
  const inside = (iso: string) => hourIndex(window, Date.parse(iso)) >= 0;
  if (session.status === 'problem') {
    return inside(session.updatedAt) ? { kind: 'problem', at: session.updatedAt, problem: seconds(session.startedAt, session.updatedAt) } : null;
  }
  if (!parcelStatuses.includes(session.status)) return null;
  const packedAt = session.packedAt ?? session.completedAt;
  if (packedAt === null || !inside(packedAt)) return null;
  const labelAt = session.labelPrintedAt ?? (session.status === 'completed' ? session.completedAt : null);
  return { kind: 'parcel', at: packedAt, scanning: seconds(session.startedAt, packedAt), waiting: labelAt === null ? null : seconds(packedAt, labelAt) };
}

function addSession(t: Tally, end: SessionEnd): void {
  if (end.kind === 'problem') {
    t.problemSessions += 1;
    t.problems.push(end.problem);
    return;
  }
  t.parcels += 1;
  t.scanning.push(end.scanning);
  if (end.waiting !== null) t.waiting.push(end.waiting);
}

/** A name for every packer id met; a user the cache no longer holds keeps its number. */
export function packerNames(db: Database, ids: Iterable<number | null>): Map<number | null, string | null> {
  const names = new Map<number | null, string | null>();
  for (const id of ids) {
    if (names.has(id)) continue;
    names.set(id, id === null ? null : (getUser(db, id)?.name ?? `#${id}`));
  }
  return names;
}

const byName = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.localeCompare(b));

export function statsSummary(db: Database, query: StatsQuery, options: StatsOptions): StatsSummary {
  const { window, today, shifts } = resolveWindow(query, options);
  const scans = scanEventsBetween(db, window.from, window.to);
  const ends = sessionsEndedBetween(db, window.from, window.to).flatMap((session) => {
    const end = sessionEnd(session, window);
    return end ? [{ session, end }] : [];
  });

  const total = newTally();
  const perPacker = new Map<number | null, Tally>();
  const perStation = new Map<string | null, Tally>();
  const hourly = new Map<number | null, { parcels: number[]; scans: number[] }>();
  const tallyOf = <K>(map: Map<K, Tally>, key: K): Tally => {
    let t = map.get(key);
    if (!t) {
      t = newTally();
      map.set(key, t);
    }
    return t;
  };
  const seriesOf = (iduser: number | null) => {
    let s = hourly.get(iduser);
    if (!s) {
      s = { parcels: window.hours.map(() => 0), scans: window.hours.map(() => 0) };
      hourly.set(iduser, s);
    }
    return s;
  };

  for (const scan of scans) {
    for (const t of [total, tallyOf(perPacker, scan.iduser), tallyOf(perStation, scan.station)]) addScan(t, scan);
    const hour = hourIndex(window, Date.parse(scan.scannedAt));
    if (scan.batch === null && hour >= 0) seriesOf(scan.iduser).scans[hour] += 1;
  }
  for (const { session, end } of ends) {
    for (const t of [total, tallyOf(perPacker, session.iduser), tallyOf(perStation, session.stationName)]) addSession(t, end);
    const hour = hourIndex(window, Date.parse(end.at));
    if (end.kind === 'parcel' && hour >= 0) seriesOf(session.iduser).parcels[hour] += 1;
  }

  const names = packerNames(db, [...perPacker.keys(), ...hourly.keys()]);
  const packers = [...perPacker]
    .map(([iduser, t]) => ({ iduser, name: names.get(iduser) ?? null, ...figures(t) }))
    .sort((a, b) => b.parcels - a.parcels || byName(a.name, b.name));
  const order = new Map(packers.map((p, i) => [p.iduser, i]));
  return {
    day: window.day,
    today,
    shift: window.shift?.id ?? null,
    shifts: shifts.map((s) => ({ id: s.id, start: s.start, end: s.end })),
    from: window.from,
    to: window.to,
    totals: figures(total),
    packers,
    stations: [...perStation].map(([station, t]) => ({ station, ...figures(t) })).sort((a, b) => byName(a.station, b.station)),
    hours: window.hours,
    series: [...hourly]
      .map(([iduser, s]) => ({ iduser, name: names.get(iduser) ?? null, parcels: s.parcels, scans: s.scans }))
      .sort((a, b) => (order.get(a.iduser) ?? 0) - (order.get(b.iduser) ?? 0)),
    boxAdvice: adviceOutcomeCounts(db, window.from, window.to),
  };
}
