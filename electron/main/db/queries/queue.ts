import type { Database } from 'better-sqlite3';
import { normaliseScan } from '../../../../shared/barcode';
import type { PicklistStatus, QueueItem, Tag } from '../../../../shared/domain';
import { parseReference, webshopLabel } from '../../../../shared/reference';
import { foldForSearch } from '../fold';
import { statement } from '../statements';
import { displayName } from './users';

interface QueueRow {
  idpicklist: number;
  picklistid: string;
  idorder: number | null;
  orderid: string | null;
  customer: string;
  reference: string | null;
  webshop_prefix: string | null;
  line_count: number;
  units: number;
  is_urgent: number;
  preferred_delivery_date: string | null;
  assigned_to_iduser: number | null;
  firstname: string | null;
  lastname: string | null;
  username: string | null;
  status: PicklistStatus;
  paused_reason: string | null;
  created: string | null;
}

interface TagRow {
  idpicklist: number;
  idtag: number;
  title: string;
  color: string | null;
  text_color: string | null;
}

/*
 * Composition child lines (partof_idpicklist_product set) are the parts of a parent line; the
 * queue counts what the customer ordered, so only lines that are not a part count.
 * Search folds case and diacritics on both sides (pd_fold is registered by openDatabase).
 */
const queueSql = `
SELECT p.idpicklist, p.picklistid, p.idorder, o.orderid,
  COALESCE(NULLIF(p.deliveryname, ''), NULLIF(o.deliveryname, ''), NULLIF(o.invoicename, ''), NULLIF(p.deliverycontact, ''), '') AS customer,
  COALESCE(p.reference, o.reference) AS reference, o.webshop_prefix,
  (SELECT COUNT(*) FROM picklist_lines l WHERE l.idpicklist = p.idpicklist AND l.partof_idpicklist_product IS NULL) AS line_count,
  (SELECT COALESCE(SUM(l.amount), 0) FROM picklist_lines l WHERE l.idpicklist = p.idpicklist AND l.partof_idpicklist_product IS NULL) AS units,
  p.is_urgent, p.preferred_delivery_date, p.assigned_to_iduser, u.firstname, u.lastname, u.username,
  p.status, p.paused_reason, p.created
FROM picklists p
LEFT JOIN orders o ON o.idorder = p.idorder
LEFT JOIN users u ON u.iduser = p.assigned_to_iduser
WHERE p.idwarehouse = @idwarehouse AND p.status IN ('new', 'paused', 'snoozed')
  AND (@search IS NULL
    OR instr(pd_fold(p.picklistid), @search) > 0
    OR instr(CAST(p.idpicklist AS TEXT), @search) > 0
    OR instr(pd_fold(COALESCE(o.orderid, '')), @search) > 0
    OR instr(pd_fold(COALESCE(p.reference, '')), @search) > 0
    OR instr(pd_fold(COALESCE(o.reference, '')), @search) > 0
    OR instr(pd_fold(COALESCE(p.deliveryname, '')), @search) > 0
    OR instr(pd_fold(COALESCE(p.deliverycontact, '')), @search) > 0
    OR instr(pd_fold(COALESCE(o.deliveryname, '')), @search) > 0
    OR instr(pd_fold(COALESCE(o.invoicename, '')), @search) > 0)
ORDER BY p.is_urgent DESC, p.preferred_delivery_date IS NULL, p.preferred_delivery_date, p.created IS NULL, p.created, p.idpicklist`;

const queueTagsSql = `
SELECT pt.idpicklist, t.idtag, t.title, t.color, t.text_color
FROM picklists p
JOIN picklist_tags pt ON pt.idpicklist = p.idpicklist
JOIN tags t ON t.idtag = pt.idtag
WHERE p.idwarehouse = ? AND p.status IN ('new', 'paused', 'snoozed')
ORDER BY pt.idpicklist, pt.position`;

/**
 * The packer's queue: open picklists of the warehouse (new, plus paused and snoozed shown with
 * their status), urgent first, then by preferred delivery date, then oldest first.
 */
export function listQueue(db: Database, options: { idwarehouse: number; search?: string }): QueueItem[] {
  const term = options.search?.trim() ?? '';
  const rows = statement(db, queueSql).all({
    idwarehouse: options.idwarehouse,
    search: term.length > 0 ? foldForSearch(term) : null,
  }) as QueueRow[];
  if (rows.length === 0) return [];

  const tagsByPicklist = new Map<number, Tag[]>();
  for (const t of statement(db, queueTagsSql).all(options.idwarehouse) as TagRow[]) {
    const list = tagsByPicklist.get(t.idpicklist) ?? [];
    list.push({ idtag: t.idtag, title: t.title, color: t.color, textColor: t.text_color });
    tagsByPicklist.set(t.idpicklist, list);
  }

  return rows.map((r) => ({
    idpicklist: r.idpicklist,
    picklistid: r.picklistid,
    idorder: r.idorder,
    orderid: r.orderid,
    customer: r.customer,
    reference: r.reference,
    webshop: webshopLabel(r.webshop_prefix ?? parseReference(r.reference)?.prefix),
    lineCount: r.line_count,
    units: r.units,
    tags: tagsByPicklist.get(r.idpicklist) ?? [],
    isUrgent: r.is_urgent === 1,
    preferredDeliveryDate: r.preferred_delivery_date,
    assignedTo:
      r.assigned_to_iduser === null
        ? null
        : { iduser: r.assigned_to_iduser, name: r.username === null && r.firstname === null ? `#${r.assigned_to_iduser}` : displayName(r) },
    status: r.status,
    pausedReason: r.paused_reason,
    created: r.created,
  }));
}

export type ScanMatchKind = 'picklistid' | 'idpicklist' | 'orderid' | 'reference' | 'shop_reference' | 'picking_container';

export interface PicklistScanMatch {
  idpicklist: number;
  picklistid: string;
  idwarehouse: number;
  idorder: number | null;
  status: PicklistStatus;
  pausedReason: string | null;
  matchedBy: ScanMatchKind;
}

interface MatchRow {
  idpicklist: number;
  picklistid: string;
  idwarehouse: number;
  idorder: number | null;
  status: PicklistStatus;
  paused_reason: string | null;
  matched_by: ScanMatchKind;
  rank: number;
}

/*
 * One statement over every way a packer can name a picklist; each branch is an indexed equality
 * (the columns are COLLATE NOCASE). The rank keeps the most specific match first.
 */
const scanSql = `
SELECT p.idpicklist, p.picklistid, p.idwarehouse, p.idorder, p.status, p.paused_reason, m.matched_by, m.rank
FROM (
  SELECT idpicklist, 'picklistid' AS matched_by, 1 AS rank FROM picklists WHERE picklistid = @code
  UNION ALL SELECT idpicklist, 'idpicklist', 2 FROM picklists WHERE idpicklist = @id
  UNION ALL SELECT idpicklist, 'picking_container', 3 FROM picking_containers WHERE (name = @code OR barcode = @code) AND idpicklist IS NOT NULL
  UNION ALL SELECT p.idpicklist, 'orderid', 4 FROM orders o JOIN picklists p ON p.idorder = o.idorder WHERE o.orderid = @code
  UNION ALL SELECT idpicklist, 'reference', 5 FROM picklists WHERE reference = @code
  UNION ALL SELECT p.idpicklist, 'reference', 5 FROM orders o JOIN picklists p ON p.idorder = o.idorder WHERE o.reference = @code
  UNION ALL SELECT idpicklist, 'shop_reference', 6 FROM picklists WHERE shop_reference = @shop
  UNION ALL SELECT p.idpicklist, 'shop_reference', 6 FROM orders o JOIN picklists p ON p.idorder = o.idorder WHERE o.shop_reference = @shop
) m
JOIN picklists p ON p.idpicklist = m.idpicklist
ORDER BY m.rank, CASE p.status WHEN 'new' THEN 0 WHEN 'paused' THEN 1 WHEN 'snoozed' THEN 1 ELSE 2 END, p.idpicklist DESC`;

/**
 * The picklists a scan can open: by picklistid, idpicklist, order number, full reference
 * (`PS #73 / ITQRFWVHT`), bare shop reference (`ITQRFWVHT`) or picking container name. Every
 * status is returned; refusing a closed or paused one (with its reason) is the pack loop's call.
 */
export function findPicklistsByScan(db: Database, code: string): PicklistScanMatch[] {
  const text = normaliseScan(code).text;
  if (text.length === 0) return [];
  const shop = parseReference(text)?.shopReference ?? text;
  const rows = statement(db, scanSql).all({
    code: text,
    id: /^\d{1,15}$/.test(text) ? Number(text) : null,
    shop,
  }) as MatchRow[];
  const seen = new Set<number>();
  const out: PicklistScanMatch[] = [];
  for (const r of rows) {
    if (seen.has(r.idpicklist)) continue;
    seen.add(r.idpicklist);
    out.push({
      idpicklist: r.idpicklist,
      picklistid: r.picklistid,
      idwarehouse: r.idwarehouse,
      idorder: r.idorder,
      status: r.status,
      pausedReason: r.paused_reason,
      matchedBy: r.matched_by,
    });
  }
  return out;
}
