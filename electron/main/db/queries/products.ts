import type { Database } from 'better-sqlite3';
import { indexCodesForProduct, lookupKeysForScan, type IndexedCodeKind } from '../../../../shared/barcode';
import type { ProductCandidate } from '../../../../shared/packing';
import type { PicqerProduct } from '../../../../shared/picqer-types';
import { bool, rawJson, statement } from '../statements';

/**
 * Upserts one page of products and re-indexes their codes, in one transaction: a changed barcode
 * replaces the old one, so the old code stops matching in the same commit that adds the new one.
 */
export function upsertProducts(db: Database, products: PicqerProduct[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO products (idproduct, productcode, name, barcode, productcode_supplier, type, is_active, weight, length, width,
       height, image_url, updated, raw_json, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (idproduct) DO UPDATE SET productcode = excluded.productcode, name = excluded.name, barcode = excluded.barcode,
       productcode_supplier = excluded.productcode_supplier, type = excluded.type, is_active = excluded.is_active,
       weight = excluded.weight, length = excluded.length, width = excluded.width, height = excluded.height,
       image_url = excluded.image_url, updated = excluded.updated, raw_json = excluded.raw_json,
       synced_at = excluded.synced_at`,
  );
  const clearCodes = statement(db, 'DELETE FROM product_barcodes WHERE idproduct = ?');
  const addCode = statement(db, 'INSERT OR IGNORE INTO product_barcodes (idproduct, code, kind) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const p of products) {
      upsert.run(
        p.idproduct,
        p.productcode,
        p.name,
        p.barcode,
        p.productcode_supplier,
        p.type,
        bool(p.active),
        p.weight,
        p.length,
        p.width,
        p.height,
        p.images[0] ?? null,
        p.updated,
        rawJson(p.raw),
        syncedAt,
      );
      clearCodes.run(p.idproduct);
      for (const { code, kind } of indexCodesForProduct(p)) addCode.run(p.idproduct, code, kind);
    }
  })();
}

export interface LocalProduct {
  idproduct: number;
  productcode: string;
  name: string;
  barcode: string | null;
  type: string;
  isActive: boolean;
  weight: number | null;
  imageUrl: string | null;
}

export interface ProductMatch extends LocalProduct {
  /** The stored code the scan matched, and what kind of code it is. */
  matchedCode: string;
  matchedBy: IndexedCodeKind;
}

interface ProductRow {
  idproduct: number;
  productcode: string;
  name: string;
  barcode: string | null;
  type: string;
  is_active: number;
  weight: number | null;
  image_url: string | null;
  code: string;
  kind: IndexedCodeKind;
}

/**
 * Every product a scan can mean, through the barcode index: the code (its AIM identifier already
 * apart, packing/scan-input.ts) and its GTIN-14.
 * Several results mean a shared barcode; active products come first. `aim` is the scan's AIM
 * identifier, read as the GS1 hint: a GS1 element string that carries its GTIN without
 * parentheses, FNC1 or a leading AI 01 (`]C1` + `17261231` + `0100012345678905`) is found only
 * when the identifier says it is one.
 */
export function findProductsByCode(db: Database, code: string, aim: string | null = null): ProductMatch[] {
  const lookup = statement(
    db,
    `SELECT p.idproduct, p.productcode, p.name, p.barcode, p.type, p.is_active, p.weight, p.image_url, b.code, b.kind
     FROM product_barcodes b JOIN products p ON p.idproduct = b.idproduct
     WHERE b.code = ?`,
  );
  const byId = new Map<number, ProductMatch>();
  for (const key of lookupKeysForScan(code, aim)) {
    for (const row of lookup.all(key) as ProductRow[]) {
      if (byId.has(row.idproduct)) continue;
      byId.set(row.idproduct, {
        idproduct: row.idproduct,
        productcode: row.productcode,
        name: row.name,
        barcode: row.barcode,
        type: row.type,
        isActive: row.is_active === 1,
        weight: row.weight,
        imageUrl: row.image_url,
        matchedCode: row.code,
        matchedBy: row.kind,
      });
    }
  }
  return [...byId.values()].sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.idproduct - b.idproduct);
}

/** The newest `updated` among cached products: the `updated_after` cursor's fallback. */
export function newestProductUpdate(db: Database): string | null {
  const row = statement(db, 'SELECT MAX(updated) AS updated FROM products').get() as { updated: string | null };
  return row.updated;
}

export interface ProductSummary {
  idproduct: number;
  productcode: string;
  name: string;
  barcode: string | null;
  isActive: boolean;
}

/**
 * The product search behind "print a product label": a scanned or typed code through the barcode
 * index first, then productcodes starting with the text, then names containing it. Active
 * products first; at most `limit`.
 */
interface SummaryRow {
  idproduct: number;
  productcode: string;
  name: string;
  barcode: string | null;
  is_active: number;
}

export function searchProducts(db: Database, query: string, limit = 20): ProductSummary[] {
  const text = query.trim();
  if (text === '') return [];
  const found = new Map<number, ProductSummary>();
  const add = (rows: SummaryRow[]) => {
    for (const r of rows) {
      if (found.size >= limit) return;
      if (!found.has(r.idproduct)) found.set(r.idproduct, { idproduct: r.idproduct, productcode: r.productcode, name: r.name, barcode: r.barcode, isActive: r.is_active === 1 });
    }
  };
  add(findProductsByCode(db, text).map((m) => ({ idproduct: m.idproduct, productcode: m.productcode, name: m.name, barcode: m.barcode, is_active: m.isActive ? 1 : 0 })));
  // LIKE with the wildcards of the text escaped: a productcode such as "50%_OFF" is literal.
  const pattern = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const columns = 'SELECT idproduct, productcode, name, barcode, is_active FROM products';
  add(statement(db, `${columns} WHERE productcode LIKE ? ESCAPE '\\' ORDER BY is_active DESC, productcode LIMIT ?`).all(`${pattern}%`, limit) as SummaryRow[]);
  add(statement(db, `${columns} WHERE name LIKE ? ESCAPE '\\' ORDER BY is_active DESC, name LIMIT ?`).all(`%${pattern}%`, limit) as SummaryRow[]);
  return [...found.values()];
}

export function getProductSummary(db: Database, idproduct: number): ProductSummary | null {
  const row = statement(db, 'SELECT idproduct, productcode, name, barcode, is_active FROM products WHERE idproduct = ?').get(idproduct) as SummaryRow | undefined;
  return row ? { idproduct: row.idproduct, productcode: row.productcode, name: row.name, barcode: row.barcode, isActive: row.is_active === 1 } : null;
}

/** What the catalogue says of these products: code, name and weight in grams (null: none given). */
export function catalogueWeights(db: Database, ids: readonly number[]): Map<number, { productcode: string; name: string; weight: number | null }> {
  const rows = statement(db, 'SELECT idproduct, productcode, name, weight FROM products WHERE idproduct IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(ids),
  ) as Array<{ idproduct: number; productcode: string; name: string; weight: number | null }>;
  return new Map(rows.map((r) => [r.idproduct, { productcode: r.productcode, name: r.name, weight: r.weight }]));
}

export function productName(db: Database, idproduct: number): string | null {
  const row = statement(db, 'SELECT name FROM products WHERE idproduct = ?').get(idproduct) as { name: string } | undefined;
  return row?.name ?? null;
}

export function lookalikeProducts(db: Database, ids: number[]): Map<number, ProductCandidate> {
  const found = new Map<number, ProductCandidate>();
  const read = statement(db, 'SELECT idproduct, name, productcode, image_url FROM products WHERE idproduct = ?');
  for (const id of new Set(ids)) {
    const row = read.get(id) as { idproduct: number; name: string; productcode: string; image_url: string | null } | undefined;
    if (row) found.set(id, { idproduct: row.idproduct, name: row.name, productcode: row.productcode, image: row.image_url });
  }
  return found;
}

/** Products' dimensions (cm) by id, for the box advice; a product not cached is left out. */
export function productDimensions(db: Database, ids: readonly number[]): Map<number, { length: number | null; width: number | null; height: number | null }> {
  const read = statement(db, 'SELECT length, width, height FROM products WHERE idproduct = ?');
  const found = new Map<number, { length: number | null; width: number | null; height: number | null }>();
  for (const id of new Set(ids)) {
    const row = read.get(id) as { length: number | null; width: number | null; height: number | null } | undefined;
    if (row) found.set(id, row);
  }
  return found;
}

/**
 * The titles of the product's Picqer tags, from its cached payload: a list of tags, or (in older
 * payloads) an object keyed by title. None when the payload carries no tags.
 */
export function productTagTitles(db: Database, idproduct: number): string[] {
  const row = statement(db, 'SELECT raw_json FROM products WHERE idproduct = ?').get(idproduct) as { raw_json: string | null } | undefined;
  if (!row?.raw_json) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(row.raw_json);
  } catch {
    return [];
  }
  const tags = raw && typeof raw === 'object' ? (raw as { tags?: unknown }).tags : undefined;
  if (!tags || typeof tags !== 'object') return [];
  const entries: Array<[string, unknown]> = Array.isArray(tags) ? tags.map((t): [string, unknown] => ['', t]) : Object.entries(tags);
  return entries
    .map(([key, tag]) => (tag && typeof tag === 'object' && typeof (tag as { title?: unknown }).title === 'string' ? (tag as { title: string }).title : key))
    .filter((title) => title !== '');
}

/**
 * The titles of the tags the cached products carry, each once: a list of tags or an object keyed
 * by title, as productTagTitles reads them. For Settings, never on the scan path.
 */
export function productTagTitlesInCache(db: Database): string[] {
  const rows = statement(
    db,
    `SELECT DISTINCT CASE WHEN t.type = 'object' THEN COALESCE(json_extract(t.value, '$.title'), t.key) ELSE t.key END AS title
     FROM products p, json_each(CASE WHEN json_valid(p.raw_json) THEN p.raw_json ELSE '{}' END, '$.tags') t`,
  ).all() as Array<{ title: unknown }>;
  return rows.flatMap((r) => (typeof r.title === 'string' && r.title !== '' ? [r.title] : []));
}
