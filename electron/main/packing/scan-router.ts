import type { Database } from 'better-sqlite3';
import type { CommandInput } from '../../../shared/contract';
import type { Person } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { reasonText } from '../../../shared/i18n';
import { parseCommandBarcode, parseQuantityBarcode, scanAnswerOf, type PackSession, type ScanAnswer } from '../../../shared/packing';
import { reason } from '../../../shared/reasons';
import { checkScanCode, refusedScanAnswer } from '../../../shared/scan-input';
import { looksCutOrMisread, scanText } from '../../../shared/barcode';
import type { Clock } from '../infra/clock';
import { createLogger, type Logger } from '../infra/log';
import { findPackagingByCode } from '../db/queries/packagings';
import { recordScanEvent } from '../db/queries/scan-events';
import { findPicklistsByScan } from '../db/queries/picklists';
import { findPicklistBatchByCode } from '../db/queries/picklist-batches';
import { badgeRefusedAnswer, type BadgeCheck } from '../people/badge-signature';
import { englishOf, notInCache, partialScan } from './reasons';
import { findProductsByCode } from '../db/queries/products';
import { scanEventOf } from './scan-event';
import { normaliseScanInput } from './scan-input';
import { productCandidate, type PackService, type ScanInput } from './service';

/*
 * Where every scan is routed, whatever carried it (Electron ipc, browser mode's HTTP or socket, a
 * HID or serial scanner), in one order: the check (a scan that cannot be a barcode is refused and
 * counts nothing) -> a signed badge (signs the packer in) -> a command barcode (PD:...) -> a
 * product, a packaging, a picklist or a picklist batch. While a batch is open, a product scan
 * goes to the pack service's batch, which says which slot it goes to. The pack service does what
 * the route decides; this file decides, and is the one place a scan event is recorded outside a
 * packing act.
 */

export type { ScanInput } from './service';

export interface ScanRouterDeps {
  /** The station's cache, where products, picklists and scan events live; null before a backend is connected. */
  db(): Database | null;
  /** The running pack loop; null before a warehouse is chosen. */
  pack(): PackService | null;
  clock: Clock;
  stationName(): string;
  packer(): Person | null;
  /** Signed badges; a station without them (a pack loop on its own) routes every scan to packing. */
  badges?: { verify(code: string): BadgeCheck | null; signIn(iduser: number): Promise<Person> };
  log?: Logger;
}

export interface ScanRouter {
  submit(input: CommandInput<'scan.submit'>): Promise<ScanAnswer>;
}

/** The outcome stored for a scan refused before it reached the pack loop. */
export const refusedOutcome = 'refused';

const defaultLog = createLogger('scan');

/** What the check needs of what comes after it. */
export interface ScanTarget {
  submitScan(input: ScanInput): Promise<ScanAnswer>;
  current(): PackSession | null | Promise<PackSession | null>;
  /** The session's revision, which a refused scan leaves as it was. */
  revision(): number;
}

export type ScanCheckDeps = Pick<ScanRouterDeps, 'clock' | 'stationName' | 'packer' | 'log'> & { db: Database | null };

/** The route's first step: an empty, overlong or garbled scan is refused in words and recorded; a good one goes on trimmed. */
export async function submitCheckedScan(target: ScanTarget, input: ScanInput, deps: ScanCheckDeps): Promise<ScanAnswer> {
  const check = checkScanCode(input.code);
  if (check.ok) return target.submitScan({ ...input, code: check.code });

  const amount = input.multiplier ?? 1;
  const session = await target.current();
  const log = deps.log ?? defaultLog;
  // Only the safe rendering is kept: a 4 KB burst of control codes is not worth a database row,
  // and raw control characters in a log file are how log lines get forged.
  log.warn('refused a scan', { refusal: check.refusal, code: check.shown, source: input.source, length: input.code.length });
  if (deps.db) {
    recordScanEvent(
      deps.db,
      scanEventOf(deps, session, {
        code: check.shown,
        source: input.source,
        quantity: amount,
        outcome: refusedOutcome,
        reason: `${check.refusal}: ${reasonText('en', check.reason)}`,
      }),
    );
  }
  return refusedScanAnswer(check, amount, target.revision());
}

/**
 * A scan naming picklists opens the one to pack (or offers the choice); one naming a batch, as
 * its number is printed on Picqer's batch PDF (or its id), opens the batch. Null: it names neither.
 */
function opensByCode(pack: PackService, db: Database, input: ScanInput): Promise<ScanAnswer> | null {
  const picklists = findPicklistsByScan(db, input.code);
  if (picklists.length > 0) return pack.openScanned(picklists, input);
  const batch = findPicklistBatchByCode(db, scanText(input.code));
  return batch ? pack.openBatch(batch.idpicklistBatch, { code: input.code, source: input.source }) : null;
}

export function createScanRouter(deps: ScanRouterDeps): ScanRouter {
  const revision = () => deps.pack()?.revision() ?? 0;

  const requirePack = (): { pack: PackService; db: Database } => {
    const pack = deps.pack();
    const db = deps.db();
    if (!pack || !db) throw new AppError('NOT_CONFIGURED', reason('station.chooseWarehouseFirst'));
    return { pack, db };
  };

  /**
   * A checked scan: a badge signs in; the rest is packing, command barcodes first, then what the
   * code names (on an open picklist: a product, a packaging or another picklist).
   */
  const route = async (input: ScanInput): Promise<ScanAnswer> => {
    const badge = deps.badges?.verify(input.code) ?? null;
    if (badge && !badge.ok) return badgeRefusedAnswer(input.code, badge, revision());
    if (badge && deps.badges) {
      const person = await deps.badges.signIn(badge.iduser);
      return scanAnswerOf({ kind: 'signed_in', code: input.code, name: person.name, revision: revision() });
    }
    const { pack, db } = requirePack();
    // After a restart the session this station had open is loaded before anything acts on it.
    const isOpen = pack.isOpen();
    const command = parseCommandBarcode(input.code);
    if (command) return pack.runCommand(command, input);
    // A unit waiting for its serial takes the next scan as it (issue 18).
    if (isOpen && pack.awaitsSerial()) return pack.giveSerial(input.code, input);
    const scannedQuantity = parseQuantityBarcode(input.code);
    if (scannedQuantity !== null) return pack.holdQuantity(scannedQuantity, input);
    // A typed multiplier came with the scan; a scanned quantity is used up (or dropped) by any
    // scan that is not a command, so a refused scan never leaves it for the next item.
    const held = pack.takeQuantity();
    const amount = input.multiplier ?? held ?? 1;
    if (!deps.packer()) return scanAnswerOf({ kind: 'no_packer', code: input.code, amount, reason: reason('scan.signInFirst'), revision: pack.revision() });

    if (isOpen) {
      const matches = findProductsByCode(db, input.code, input.aim ?? null);
      if (matches.length > 0) return pack.countProduct(matches, input, amount);
      const packaging = findPackagingByCode(db, scanText(input.code));
      if (packaging) return pack.usePackaging(packaging, input);
      return opensByCode(pack, db, input) ?? pack.countProduct([], input, amount);
    }

    const opened = opensByCode(pack, db, input);
    if (opened) return opened;
    const product = findProductsByCode(db, input.code, input.aim ?? null)[0];
    if (!product && looksCutOrMisread(input.code, input.aim ?? null)) {
      recordScanEvent(db, scanEventOf(deps, null, { code: input.code, source: input.source, outcome: 'partial_scan', reason: englishOf(partialScan) }));
      return scanAnswerOf({ kind: 'not_found', outcome: 'partial_scan', code: input.code, amount, reason: partialScan, revision: pack.revision() });
    }
    const why = product
      ? reason(product.isActive ? 'scan.productWithoutPicklist' : 'scan.inactiveProductWithoutPicklist', { product: product.name })
      : notInCache(scanText(input.code));
    recordScanEvent(db, scanEventOf(deps, null, { code: input.code, source: input.source, outcome: 'not_found', idproduct: product?.idproduct ?? null, reason: englishOf(why) }));
    return scanAnswerOf({ kind: 'not_found', code: input.code, amount, reason: why, product: product ? productCandidate(product) : null, revision: pack.revision() });
  };

  return {
    submit: (input) =>
      submitCheckedScan({ submitScan: route, current: () => deps.pack()?.current() ?? null, revision }, normaliseScanInput(input), {
        db: deps.db(),
        clock: deps.clock,
        stationName: deps.stationName,
        packer: deps.packer,
        log: deps.log,
      }),
  };
}
