import type { Database } from 'better-sqlite3';
import { localDateTime } from './shifts';
import { packerNames, resolveWindow, statsSummary, type StatsOptions, type StatsQuery } from './summary';
import { scanEventsForExport } from '../db/queries/scan-events';
import { csvDocument, fileSlug, type CsvValue } from '../documents/csv';

/* The Stats screen's two downloads, written by the station's one CSV writer (documents/csv.ts). */

export const scanColumns = [
  'time',
  'station',
  'packer_id',
  'packer',
  'picklist',
  'code',
  'outcome',
  'quantity',
  'productcode',
  'product',
  'source',
  'reason',
  'undone',
  'scan_id',
  'lot',
  'best_before',
  'serial',
] as const;

export const summaryColumns = [
  'day',
  'shift',
  'packer_id',
  'packer',
  'parcels',
  'units',
  'scans',
  'product_scans',
  'mis_scans',
  'mis_scan_rate',
  'median_scanning_s',
  'median_waiting_for_label_s',
  'median_problems_s',
  'problem_sessions',
] as const;

/** A file name that sorts by station, day and shift and is safe on every file system. */
export function csvFilename(kind: 'scans' | 'summary', day: string, shift: string | null, stationName: string | null): string {
  const parts = ['packdesk', kind, stationName ? fileSlug(stationName) : '', day, shift ? fileSlug(shift) : ''].filter((p) => p !== '');
  return `${parts.join('-')}.csv`;
}

export interface CsvOptions extends StatsOptions {
  /** For the file name. */
  stationName?: string | null;
}

/** One row per scan event of the window, oldest first: the raw material of every figure. */
export function scansCsv(db: Database, query: StatsQuery, options: CsvOptions): { filename: string; csv: string } {
  const { window, timeZone } = resolveWindow(query, options);
  const events = scanEventsForExport(db, window.from, window.to);
  const names = packerNames(db, events.map((e) => e.iduser));
  const rows = events.map((e): CsvValue[] => [
    localDateTime(Date.parse(e.scannedAt), timeZone),
    e.station,
    e.iduser,
    names.get(e.iduser) ?? null,
    e.picklistid ?? (e.idpicklist === null ? null : String(e.idpicklist)),
    e.code,
    e.outcome,
    e.quantity,
    e.productcode,
    e.productName,
    e.source,
    e.reason,
    e.undoneAt === null ? null : localDateTime(Date.parse(e.undoneAt), timeZone),
    e.id,
    e.lot,
    e.expiry,
    e.serial,
  ]);
  return { filename: csvFilename('scans', window.day, window.shift?.id ?? null, options.stationName ?? null), csv: csvDocument(scanColumns, rows) };
}

/** One row per packer with the Stats screen's figures; the rate as a fraction, times in seconds. */
export function summaryCsv(db: Database, query: StatsQuery, options: CsvOptions): { filename: string; csv: string } {
  const summary = statsSummary(db, query, options);
  const rows = summary.packers.map((p): CsvValue[] => [
    summary.day,
    summary.shift,
    p.iduser,
    p.name,
    p.parcels,
    p.units,
    p.scans,
    p.productScans,
    p.misScans,
    p.misScanRate === null ? null : Math.round(p.misScanRate * 10_000) / 10_000,
    p.medianSeconds.scanning,
    p.medianSeconds.waitingForLabel,
    p.medianSeconds.problems,
    p.problemSessions,
  ]);
  return { filename: csvFilename('summary', summary.day, summary.shift, options.stationName ?? null), csv: csvDocument(summaryColumns, rows) };
}

export function statsCsv(db: Database, query: StatsQuery & { kind: 'scans' | 'summary' }, options: CsvOptions): { filename: string; csv: string } {
  return query.kind === 'scans' ? scansCsv(db, query, options) : summaryCsv(db, query, options);
}
