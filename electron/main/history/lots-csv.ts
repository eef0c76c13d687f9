import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { getPackOrder } from '../db/queries/orders';
import { findPicklistsByScan } from '../db/queries/picklists';
import { lotOrdersOfPicklists, lotUnitsOfOrder, type LotOrder } from '../db/queries/scan-events';
import { csvDocument, fileSlug, type CsvValue } from '../documents/csv';
import { localDateTime, stationTimeZone } from '../stats/shifts';
import { packerNames } from '../stats/summary';

/*
 * Which lot went to order 1234? Picqer's pick (POST /picklists/{id}/pick) takes a product and an
 * amount and nothing else, so the lots, best-before dates and serials a station scanned stay with
 * its scan events; this is their export per order for the shift lead. One row per counted unit
 * (a scan with a multiplier is one row with its amount) that carries at least one of the three:
 * units without any say nothing about a recall and are on the packing slip's lines anyway.
 */

export const lotColumns = ['order', 'picklist', 'productcode', 'product', 'lot', 'best_before', 'serial', 'amount', 'packed_at', 'packer', 'station'] as const;

/** An order by its Picqer idorder (a History row), or as a lead types it: order number, reference or picklist number. */
export type LotOrderTarget = { idorder: number } | { order: string };

/**
 * The order a typed number names, through the picklists this station knows (the pack loop's own
 * lookup: order number, reference, shop reference, picklist number). Where a reference fits
 * several orders, the one with lots is meant; several with lots are named back to choose from.
 */
function resolveOrder(db: Database, typed: string): number {
  const text = typed.trim();
  const byOrder = new Map<number, LotOrder>();
  for (const order of lotOrdersOfPicklists(db, findPicklistsByScan(db, text).map((m) => m.idpicklist)).values()) byOrder.set(order.idorder, order);
  const orders = [...byOrder.values()];
  const withLots = orders.filter((o) => o.hasLots);
  if (withLots.length > 1) {
    const names = withLots.map((o) => o.orderid).sort((a, b) => a.localeCompare(b));
    throw new AppError('CONFLICT', reason('history.lotsOrderAmbiguous', { order: text, orders: names.join(', ') }));
  }
  const found = withLots[0] ?? orders[0];
  if (!found) throw new AppError('NOT_FOUND', reason('history.lotsOrderUnknown', { order: text }));
  return found.idorder;
}

/** The order's lots as a CSV file; a clear NOT_FOUND (never an empty file) when none were recorded for it here. */
export function orderLotsCsv(db: Database, target: LotOrderTarget, options: { timeZone?: string } = {}): { filename: string; csv: string } {
  const idorder = 'idorder' in target ? target.idorder : resolveOrder(db, target.order);
  const units = lotUnitsOfOrder(db, idorder);
  const first = units[0];
  if (!first) {
    throw new AppError('NOT_FOUND', reason('history.noLots', { order: getPackOrder(db, idorder)?.orderid ?? String(idorder) }));
  }
  const timeZone = options.timeZone ?? stationTimeZone();
  const names = packerNames(db, units.map((u) => u.iduser));
  const rows = units.map((u): CsvValue[] => [
    u.orderid,
    u.picklistid,
    u.productcode,
    u.productName,
    u.lot,
    u.expiry,
    u.serial,
    u.quantity,
    localDateTime(Date.parse(u.scannedAt), timeZone),
    names.get(u.iduser) ?? null,
    u.station,
  ]);
  // An order number with nothing a file name keeps (all symbols) is named by its Picqer id.
  return { filename: `packdesk-lots-${fileSlug(first.orderid) || `order-${idorder}`}.csv`, csv: csvDocument(lotColumns, rows) };
}
