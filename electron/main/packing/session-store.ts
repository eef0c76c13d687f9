import { storedAlert } from './reasons';
import type { Database } from 'better-sqlite3';
import type { Person } from '../../../shared/domain';
import { scanOutcome, type PackLine, type PackSession } from '../../../shared/packing';
import { parseReference, webshopLabel } from '../../../shared/reference';
import { getPackSession, type PackSessionRecord, type PackSessionStatus } from '../db/queries/pack-sessions';
import { getUser } from '../db/queries/users';
import { areAllVerified } from './scan';
import type { ActiveSession, BoxState, LineState, PackSettings } from './types';
import { extraFieldValues, isChoiceNeeded } from './shipping';
import { countsBySession, lastProductScan } from '../db/queries/scan-events';
import { getOrderFields, getPackOrder } from '../db/queries/orders';
import { getPackaging } from '../db/queries/packagings';
import { packSessionBoxes } from '../db/queries/pack-session-boxes';
import { getPackLines, getPackPicklist, type PackLineRow } from '../db/queries/picklists';
import { getPackTags } from '../db/queries/tags';
import { productName } from '../db/queries/products';
import { weightCheckOf } from './weight-check';
import { adviceFor } from './advice';

/*
 * Loading a session from the database and showing it. Counts are never stored as numbers: they
 * are the session's scan events that were not undone, so a restarted station resumes exactly.
 */

/** Top-level lines in Picqer's order, each followed by its parts. */
function buildLines(rows: PackLineRow[]): { lines: LineState[]; leaves: LineState[] } {
  const states = rows.map((row): LineState => ({ row, verified: 0, manualReason: null, parts: [], parentId: null }));
  const byId = new Map(states.map((s) => [s.row.idpicklistProduct, s]));
  const top: LineState[] = [];
  for (const state of states) {
    const parent = state.row.partof === null ? undefined : byId.get(state.row.partof);
    if (parent && parent !== state) {
      parent.parts.push(state);
      state.parentId = parent.row.idpicklistProduct;
    } else {
      top.push(state);
    }
  }
  const lines = top.flatMap((l) => [l, ...l.parts]);
  // A composition whose parts are not in the cache is packed as the product itself.
  const leaves = lines.filter((l) => l.parts.length === 0);
  return { lines, leaves };
}

/** A cached picklist's lines as a session keeps them, nothing counted yet (a batch's picklist before its first unit). */
export function linesOfPicklist(db: Database, idpicklist: number): { lines: LineState[]; leaves: LineState[] } {
  return buildLines(getPackLines(db, idpicklist));
}

/** A composition is as far as its slowest part: 3 sets of 2 parts each need 6 of every part. */
export function syncCompositions(lines: readonly LineState[]): void {
  for (const line of lines) {
    if (line.parts.length === 0) continue;
    line.verified = Math.min(
      ...line.parts.map((p) => (p.row.amount > 0 ? Math.floor((p.verified * line.row.amount) / p.row.amount) : line.row.amount)),
    );
    line.manualReason = line.parts.find((p) => p.manualReason !== null)?.manualReason ?? null;
  }
}

/** Re-derives every line's verified count from the scan events. */
export function recount(db: Database, session: ActiveSession): void {
  const counts = new Map(countsBySession(db, session.record.id).map((c) => [c.idpicklistProduct, c]));
  for (const leaf of session.leaves) {
    const count = counts.get(leaf.row.idpicklistProduct);
    leaf.verified = count?.verified ?? 0;
    leaf.manualReason = count?.manualReason ?? null;
  }
  syncCompositions(session.lines);
}

function personOf(db: Database, iduser: number | null): Person | null {
  if (iduser === null) return null;
  const user = getUser(db, iduser);
  return { iduser, name: user?.name ?? `#${iduser}` };
}

/** Reads a session and everything its screen shows; null when the session or its picklist is gone. */
export function loadSession(db: Database, record: PackSessionRecord): ActiveSession | null {
  const picklist = getPackPicklist(db, record.idpicklist);
  if (!picklist) return null;
  const order = picklist.idorder === null ? null : getPackOrder(db, picklist.idorder);
  const { lines, leaves } = buildLines(getPackLines(db, picklist.idpicklist));
  const last = lastProductScan(db, record.id);
  const outcome = last ? scanOutcome.safeParse(last.outcome) : null;
  const session: ActiveSession = {
    record,
    picklist,
    order,
    orderFields: order ? getOrderFields(db, order.idorder) : [],
    tags: getPackTags(db, picklist.idpicklist, picklist.idorder),
    lines,
    leaves,
    packer: personOf(db, record.iduser),
    packaging: record.idpackaging === null ? null : getPackaging(db, record.idpackaging),
    boxes: loadBoxes(db, record.id),
    lastScan:
      last && outcome?.success
        ? {
            outcome: outcome.data,
            code: last.code,
            amount: last.quantity,
            productName: last.idproduct === null ? null : (lines.find((l) => l.row.idproduct === last.idproduct)?.row.name ?? productName(db, last.idproduct)),
            at: last.scannedAt,
          }
        : null,
    // A picklist packed in a batch goes in the batch's box: advice is for one packed on its own,
    // and a batch's many sessions are not worth the cache reads it takes.
    advice: record.batchSessionId === null ? adviceFor(db, record.id, leaves) : null,
  };
  recount(db, session);
  return session;
}

/** The boxes after the first, with their packagings' names. */
export function loadBoxes(db: Database, packSessionId: number): BoxState[] {
  return packSessionBoxes(db, packSessionId).map((b) => ({ box: b.box, packaging: b.idpackaging === null ? null : getPackaging(db, b.idpackaging), weight: b.weight }));
}

export function loadSessionById(db: Database, id: number): ActiveSession | null {
  const record = getPackSession(db, id);
  return record ? loadSession(db, record) : null;
}

/** Grams from the lines: the parts of a composition, never the composition twice. */
export function weightFromLines(leaves: readonly LineState[]): number | null {
  let total = 0;
  let isKnown = false;
  for (const leaf of leaves) {
    if (leaf.row.weight === null) continue;
    isKnown = true;
    total += leaf.row.weight * leaf.row.amount;
  }
  return isKnown ? Math.round(total) : null;
}

const stateOf: Record<PackSessionStatus, PackSession['state']> = {
  open: 'packing',
  completing: 'completing',
  labels_pending: 'labels_pending',
  completed: 'completed',
  problem: 'problem',
  alert: 'alert',
  abandoned: 'packing',
};

function toLine(line: LineState): PackLine {
  const row = line.row;
  return {
    idpicklist_product: row.idpicklistProduct,
    idproduct: row.idproduct,
    productcode: row.productcode,
    name: row.name,
    image: row.image,
    stockLocation: row.stocklocation,
    remarks: row.remarks,
    amount: row.amount,
    verified: line.verified,
    hasBarcode: row.barcode !== null && row.barcode.trim() !== '',
    isComposition: line.parts.length > 0,
    parentId: line.parentId,
    manualReason: line.manualReason,
  };
}

/** The contract's view of a session. */
export function toPackSession(session: ActiveSession, settings: PackSettings): PackSession {
  const { record, picklist, order } = session;
  const reference = picklist.reference ?? order?.reference ?? null;
  const wanted = settings.orderFields === null ? null : new Set(settings.orderFields.map((t) => t.toLowerCase()));
  const units = session.leaves.reduce((sum, l) => sum + l.row.amount, 0);
  const verifiedUnits = session.leaves.reduce((sum, l) => sum + Math.min(l.verified, l.row.amount), 0);
  const computedWeight = weightFromLines(session.leaves);
  return {
    id: record.id,
    idpicklist: picklist.idpicklist,
    picklistid: picklist.picklistid,
    state: stateOf[record.status],
    picklistStatus: picklist.status,
    order: {
      idorder: order?.idorder ?? picklist.idorder,
      orderid: order?.orderid ?? null,
      reference,
      webshop: webshopLabel(order?.webshopPrefix ?? parseReference(reference)?.prefix),
      customer: [picklist.deliveryname, order?.deliveryname, order?.invoicename, picklist.deliverycontact].find((n) => n && n.trim() !== '') ?? '',
      deliveryCountry: picklist.deliverycountry ?? order?.deliverycountry ?? null,
      customerRemarks: order?.customerRemarks ?? null,
      language: order?.language ?? null,
      fields: wanted === null ? session.orderFields : session.orderFields.filter((f) => wanted.has(f.title.toLowerCase())),
    },
    tags: session.tags,
    comments: record.comments,
    isUrgent: picklist.isUrgent,
    lines: session.lines.map(toLine),
    units,
    verifiedUnits,
    isAllVerified: areAllVerified(session.leaves),
    packer: session.packer,
    assignedElsewhere: record.assignedElsewhere,
    shipping: {
      profiles: record.profiles.map((p) => ({
        idshippingprovider_profile: p.idshippingprovider_profile,
        name: p.name,
        isSelected: p.isSelected,
        extraFields: p.extraFields ?? [],
      })),
      idshippingprovider_profile: record.idshippingproviderProfile,
      extraFields: extraFieldValues(record),
      areMethodsFromPicqer: record.methodsReadAt !== null,
      isChoiceNeeded: isChoiceNeeded(record),
      packaging: session.packaging,
      weight: record.weight ?? computedWeight,
      isWeightManual: record.weight !== null,
      boxes: [
        // With several boxes the lines' weight is the parcel's, not box 1's: box 1 shows what was given.
        { box: 1, packaging: session.packaging, weight: session.boxes.length > 0 ? record.weight : (record.weight ?? computedWeight), isWeightManual: record.weight !== null },
        ...session.boxes.map((b) => ({ box: b.box, packaging: b.packaging, weight: b.weight, isWeightManual: b.weight !== null })),
      ],
      currentBox: session.boxes.at(-1)?.box ?? 1,
      weightCheck: weightCheckOf(session, settings.weightTolerance),
      advice: session.advice,
    },
    lastScan: session.lastScan,
    alert: storedAlert(record.alert),
    isOnline: record.isOnline,
    pendingQuantity: null,
  };
}
