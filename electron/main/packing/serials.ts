import type { ScanSource } from '../../../shared/packing';
import { scanText } from '../../../shared/barcode';
import { reason, type Reason } from '../../../shared/reasons';
import { findProductsByCode, productTagTitles, type ProductMatch } from '../db/queries/products';
import { isSerialCounted } from '../db/queries/scan-events';
import type { PackContext } from './context';
import { unitDataOf, type UnitData } from './lots';
import { englishOf } from './reasons';
import { countProduct, type ScanResolution } from './scan';
import type { ScanEventFields } from './scan-event';
import type { ScanInput } from './service';
import type { LineState } from './types';

/*
 * Serial numbers (issue 18), one rule for a picklist packed alone and for a batch's slots. A
 * product carrying the station's serial tag counts only with its serial: one unit per serial, a
 * serial counted once. Scanned without one (or with one already packed), the unit is held and
 * the packer is asked for it; the next scan, or a typed serial, counts it. CANCEL drops the unit.
 * The held unit lives in memory only: a restart drops it, and the packer scans it again.
 */

type CountingResolution = Extract<ScanResolution, { outcome: 'counted' | 'line_complete' | 'all_verified' }>;

/** A unit of a product that counts only with its serial, waiting for it. */
export interface WantedSerial {
  /** The pack session it counts on when the serial comes (in a batch, its slot's). */
  sessionId: number;
  code: string;
  source: ScanSource;
  /** Always 1: one serial is one unit. */
  amount: number;
  unit: UnitData | null;
  product: ProductMatch;
}

/** A product scan as the serial rule sees it. */
export interface SerialScan {
  code: string;
  source: ScanSource;
  amount: number;
  unit: UnitData | null;
}

/**
 * What the rule makes of a scan that would count: count this one unit (with its serial), or wait
 * for the serial (the unit is held; its scan event and its words are given); null when the rule
 * does not apply (no serial needed, or the scan would not count).
 */
export type SerialStep =
  | { kind: 'count'; resolution: CountingResolution; scan: SerialScan }
  | { kind: 'wait'; wanted: WantedSerial; why: Reason; event: ScanEventFields }
  | null;

/** Why a serial cannot be this unit's: already counted where the rule looks (the picklist, the batch); null when free. */
export type SerialTaken = (serial: string) => Reason | null;

export interface Serials {
  /** Whether the product counts only with its serial: it carries the station's serial tag. */
  needsSerial(product: ProductMatch): boolean;
  /** How many units one scan of these products counts: one when each of them needs a serial. */
  unitsPerScan(matches: readonly ProductMatch[], amount: number): number;
  /** The rule for a counting scan on a session's lines; a `wait` step holds the unit. */
  check(session: { id: number; leaves: readonly LineState[] }, scanned: ScanResolution, scan: SerialScan, taken: SerialTaken): SerialStep;
  /**
   * The serial the packer gave for the waiting unit of `idproduct`: a scanned GS1 string's AI 21
   * (when the string is of that product), else the text itself, trimmed; '' for a scanned product
   * barcode or another product's GS1 string.
   */
  serialOf(text: string, input: ScanInput | undefined, idproduct: number): string;
  /**
   * The waiting unit as it counts with the serial given: a GS1 string scanned for the serial (the
   * unit's DataMatrix) also says its lot and best-before date, which the caller checks again.
   */
  unitWith(wanted: WantedSerial, serial: string, input?: ScanInput): UnitData;
  /** The unit waiting for its serial; null when none. */
  wanted(): WantedSerial | null;
  /** The waiting unit as a picklist's view shows it, when it waits on that pack session. */
  wantedOn(packSessionId: number): { idproduct: number; name: string } | null;
  /** Drops the waiting unit; true when one was waiting. */
  drop(): boolean;
  /** A picklist packed alone: a serial already counted on it is taken. */
  takenOnPicklist(packSessionId: number): SerialTaken;
  /** A batch: a serial counted on any of its picklists is taken (a serial is one unit's). */
  takenInBatch(packSessionIds: readonly number[], batchid: string): SerialTaken;
}

const isCounting = (resolution: ScanResolution): resolution is CountingResolution =>
  resolution.outcome === 'counted' || resolution.outcome === 'line_complete' || resolution.outcome === 'all_verified';

export function createSerials(ctx: PackContext): Serials {
  const { db, deps } = ctx;
  let wanted: WantedSerial | null = null;

  const needsSerial = (product: ProductMatch): boolean => {
    const tag = deps.settings().serialTag?.trim().toLowerCase();
    return !!tag && productTagTitles(db, product.idproduct).some((title) => title.trim().toLowerCase() === tag);
  };

  return {
    needsSerial,

    unitsPerScan: (matches, amount) => (amount > 1 && matches.length > 0 && matches.every(needsSerial) ? 1 : amount),

    check(session, scanned, scan, taken) {
      const isTooManyAtOnce = scanned.outcome === 'too_many' && scan.amount > 1;
      if (!isCounting(scanned) && !isTooManyAtOnce) return null;
      if (!needsSerial(scanned.product)) return null;
      // One serial is one unit: a quantity (PD:QTY or a multiplier) counts one unit at a time, so
      // a quantity more than the line wants still counts the one unit scanned.
      const held: SerialScan = { ...scan, amount: 1 };
      const resolution = scan.amount === 1 ? scanned : countProduct(session.leaves, scanned.product, 1);
      if (!isCounting(resolution)) return null;
      const serial = held.unit?.serial?.trim() || null;
      const refusal = serial ? taken(serial) : null;
      if (serial && !refusal) return { kind: 'count', resolution, scan: { ...held, unit: { ...(held.unit ?? { lot: null, expiry: null }), serial } } };
      const product = resolution.product;
      const why = refusal ?? reason('scan.serialNeeded', { product: product.name });
      wanted = { ...held, sessionId: session.id, product };
      const event: ScanEventFields = {
        code: held.code,
        source: held.source,
        quantity: held.amount,
        ...(held.unit ?? {}),
        outcome: 'serial_needed',
        idproduct: product.idproduct,
        reason: englishOf(why),
      };
      return { kind: 'wait', wanted, why, event };
    },

    serialOf(text, input, idproduct) {
      if (!input) return scanText(text).trim();
      const named = findProductsByCode(db, input.code, input.aim ?? null);
      const fromGs1 = unitDataOf(input.code, input.aim ?? null)?.serial;
      // Another product's DataMatrix carries that product's serial, not this unit's.
      if (fromGs1) return named.length === 0 || named.some((p) => p.idproduct === idproduct) ? fromGs1 : '';
      // A product's own barcode scanned again (the packer rescans the unit) is no serial: it would
      // count the unit with its GTIN for a serial. The answer asks again.
      if (named.length > 0) return '';
      return scanText(text).trim();
    },

    unitWith(held, serial, input) {
      const scanned = input ? unitDataOf(input.code, input.aim ?? null) : null;
      return { lot: scanned?.lot ?? held.unit?.lot ?? null, expiry: scanned?.expiry ?? held.unit?.expiry ?? null, serial };
    },

    wanted: () => wanted,

    wantedOn: (packSessionId) => (wanted?.sessionId === packSessionId ? { idproduct: wanted.product.idproduct, name: wanted.product.name } : null),

    drop() {
      const was = wanted !== null;
      wanted = null;
      return was;
    },

    takenOnPicklist: (packSessionId) => (serial) => (isSerialCounted(db, [packSessionId], serial) ? reason('scan.serialTaken', { serial }) : null),

    takenInBatch: (packSessionIds, batchid) => (serial) =>
      isSerialCounted(db, packSessionIds, serial) ? reason('batch.serialTaken', { serial, batchid }) : null,
  };
}
