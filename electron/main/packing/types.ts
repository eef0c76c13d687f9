import type { Database } from 'better-sqlite3';
import type { Language, Person, Tag } from '../../../shared/domain';
import type { BoxAdvice, PackSession, ProblemAction, ScanOutcome } from '../../../shared/packing';
import type { BatchView } from '../../../shared/batch';
import type { Clock } from '../infra/clock';
import type { PackSessionRecord } from '../db/queries/pack-sessions';
import type { PicqerActions, PicqerApi } from '../picqer/types';
import type { RefreshedPicklist } from '../sync/pull';
import type { PackLineRow, PackPicklist } from '../db/queries/picklists';
import type { PackOrder } from '../db/queries/orders';
import type { WeightTolerance } from './weight-check';
import type { ShelfLifeRule } from '../../../shared/settings';

export interface PackSettings {
  autoComplete: boolean;
  problemAction: ProblemAction;
  snoozeHours: number;
  /** Order field titles the pack screen shows; null shows them all. */
  orderFields: string[] | null;
  /** The weight check's tolerance; null: off. */
  weightTolerance: WeightTolerance | null;
  /** Minimum shelf life in days a unit's best-before date must leave; 0 or absent: not checked. */
  minShelfLifeDays?: number;
  /** Stricter minimums for orders with a tag or from a webshop; the largest that matches applies (packing/shelf-life.ts). */
  shelfLifeRules?: ShelfLifeRule[];
  /** Products with this tag (title, any case) count only with a serial number; null or absent: off. */
  serialTag?: string | null;
}

/** The part of Picqer the pack session reads itself; every change goes through the outbox. */
export type PackApi = Pick<PicqerApi & PicqerActions, 'getOrder' | 'getShippingMethods' | 'listComments'>;

export interface PackServiceDeps {
  db: Database;
  api: PackApi;
  clock: Clock;
  stationName: () => string;
  packer: () => Person | null;
  idwarehouse: () => number;
  settings: () => PackSettings;
  /** The station's view: sync is not offline. */
  isOnline: () => boolean;
  /**
   * Sync's re-read of one picklist (its lines, and its order when not cached) into the cache; what
   * it learned, or nothing when it cannot say. Given up when `signal` aborts.
   */
  refreshPicklist: (idpicklist: number, signal?: AbortSignal) => Promise<RefreshedPicklist | void>;
  /**
   * Sync's re-read of a batch being packed (its detail, and its picklists whose status changed);
   * false where the backend has no batches. Absent: batches are packed from the cache alone.
   */
  refreshBatch?: (idpicklistBatch: number, options: { priority: 'interactive' | 'background'; signal?: AbortSignal }) => Promise<boolean>;
  /**
   * Emitted after each commit that changes what the pack screen shows, with the session's
   * revision: it only grows (across restarts too), and answers carry the one they left.
   */
  onSessionChanged: (shown: { session: PackSession | null; batch: BatchView | null }, revision: number) => void;
  /** The station's language: what goes to Picqer (problem comments, pause reasons) is written in it. */
  language: () => Language;
  onQueueChanged: (idpicklists: number[]) => void;
  /** Tells the outbox worker there is work. */
  kickOutbox: () => void;
  /** Time zone Picqer's account writes dates in (snooze). Default Europe/Amsterdam. */
  timeZone?: string;
}

/** One line as the session keeps it in memory; a composition's verified count follows its parts. */
export interface LineState {
  row: PackLineRow;
  verified: number;
  manualReason: string | null;
  /** The part lines of a composition; empty for an ordinary line or a part. */
  parts: LineState[];
  /** For a part: its composition's idpicklist_product. */
  parentId: number | null;
}

export interface LastScan {
  outcome: ScanOutcome;
  code: string;
  amount: number;
  productName: string | null;
  at: string;
}

/** The session on the screen: its row, the cached picklist, and the counts derived from its scans. */
export interface ActiveSession {
  record: PackSessionRecord;
  picklist: PackPicklist;
  order: PackOrder | null;
  orderFields: Array<{ title: string; value: string }>;
  tags: Tag[];
  /** Display order: each top-level line, followed by its parts. */
  lines: LineState[];
  /** The lines a scan counts on: ordinary lines and parts, never a composition itself. */
  leaves: LineState[];
  packer: Person | null;
  packaging: { idpackaging: number; name: string } | null;
  /** The parcel's boxes after the first (box 1 is `record` and `packaging`); the last is the current box. */
  boxes: BoxState[];
  lastScan: LastScan | null;
  /** The box advised on open (issue 18), worked out once per load. */
  advice: BoxAdvice | null;
}

/** A box after the first, as the session keeps it. */
export interface BoxState {
  box: number;
  packaging: { idpackaging: number; name: string } | null;
  weight: number | null;
}

