import { describe, expect, it } from 'vitest';
import { isValidGtin, gtinCheckDigit } from '../../electron/picqer-demo/gtin';
import { createPrng } from '../../electron/picqer-demo/prng';
import { generateSeed, lotTrackedField, sharedBarcodeIndexes } from '../../electron/picqer-demo/seed';

const baseUrl = 'http://127.0.0.1:1';

describe('seed data', () => {
  it('is byte-identical for the same seed and differs for another', () => {
    const a = JSON.stringify(generateSeed({ seed: 42, baseUrl }));
    const b = JSON.stringify(generateSeed({ seed: 42, baseUrl }));
    const c = JSON.stringify(generateSeed({ seed: 43, baseUrl }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(JSON.stringify(generateSeed({ seed: 'packdesk-demo', baseUrl }))).toBe(JSON.stringify(generateSeed({ seed: 'packdesk-demo', baseUrl })));
  });

  it('uses a generator whose sequence follows only from the seed', () => {
    const take = (seed: string) => Array.from({ length: 5 }, createPrng(seed).next);
    expect(take('x')).toEqual(take('x'));
    expect(take('x')).not.toEqual(take('y'));
    for (const value of take('z')) expect(value >= 0 && value < 1).toBe(true);
  });

  it('computes GS1 check digits', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('036000291452')).toBe(true);
  });

  const seed = generateSeed({ seed: 'tests', baseUrl });

  it('holds a realistic catalogue of products and barcodes', () => {
    expect(seed.products.length).toBeGreaterThanOrEqual(300);
    const barcodes = seed.products.map((p) => p.barcode);
    const ean13 = barcodes.filter((b): b is string => b !== null && b.length === 13);
    const upc = barcodes.filter((b): b is string => b !== null && b.length === 12);
    expect(ean13.length).toBeGreaterThan(200);
    expect(upc.length).toBeGreaterThan(5);
    expect(barcodes.filter((b) => b === null).length).toBeGreaterThan(5);
    for (const code of [...ean13, ...upc]) expect(isValidGtin(code), code).toBe(true);
    const [a, b] = sharedBarcodeIndexes.map((i) => seed.products[i]);
    expect(a?.barcode).toBeTruthy();
    expect(a?.barcode).toBe(b?.barcode);
    const counts = new Map<string, number>();
    for (const code of barcodes) if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([2]);
    expect(new Set(seed.products.map((p) => p.productcode)).size).toBe(seed.products.length);
    expect(seed.products.some((p) => p.images.length === 0)).toBe(true);
    expect(seed.products.find((p) => p.images.length > 0)?.images[0]).toMatch(/^http:\/\/127\.0\.0\.1:1\/demo-images\/\d+\.png$/);
    expect(seed.products.filter((p) => p.type === 'virtual_composition').length).toBeGreaterThan(3);
  });

  it('marks a few products with a GTIN as lot-tracked, in a product field as a Picqer account would (issue 18)', () => {
    const tracked = seed.products.filter((p) => p.productfields.some((f) => f.idproductfield === lotTrackedField.idproductfield));
    expect(tracked.length).toBeGreaterThanOrEqual(4);
    expect(tracked.length).toBeLessThan(20);
    for (const p of tracked) {
      expect(p.type).toBe('normal');
      expect(p.active).toBe(true);
      expect(isValidGtin(p.barcode ?? ''), p.productcode).toBe(true);
      expect(p.productfields).toContainEqual({ ...lotTrackedField, value: 'ja' });
    }
    // Picked in open picklists, so a station meets them.
    const picked = new Set(seed.picklists.filter((pl) => pl.status === 'new').flatMap((pl) => pl.products.map((l) => l.idproduct)));
    expect(tracked.some((p) => picked.has(p.idproduct))).toBe(true);
  });

  it('holds open picklists over several webshops, with the awkward cases a station meets', () => {
    const open = seed.picklists.filter((p) => p.status === 'new');
    expect(open.length).toBeGreaterThanOrEqual(60);
    const prefixes = new Set(seed.picklists.flatMap((p) => /^([A-Z]{1,3}) #\d+ \/ [A-Z]{9}$/.exec(p.reference ?? '')?.[1] ?? []));
    expect(prefixes.size).toBeGreaterThanOrEqual(3);
    expect(seed.picklists[0]?.reference).toBe('PS #73 / ITQRFWVHT');
    const paused = seed.picklists.filter((p) => p.status === 'paused');
    expect(paused).toHaveLength(1);
    expect(paused[0]?.paused_reason).toBeTruthy();
    expect(seed.picklists.filter((p) => p.status === 'snoozed').length).toBeGreaterThanOrEqual(2);
    expect(seed.picklists.some((p) => p.status === 'closed')).toBe(true);
    expect(seed.picklists.some((p) => p.status === 'cancelled')).toBe(true);
    const warehouses = new Set(seed.picklists.map((p) => p.idwarehouse));
    expect(seed.warehouses).toHaveLength(2);
    expect(warehouses.size).toBe(2);
    const first = seed.warehouses[0]?.idwarehouse;
    expect(seed.picklists.filter((p) => p.idwarehouse === first).length).toBeGreaterThan(seed.picklists.length / 2);
    expect(seed.picklists.some((p) => p.products.some((l) => l.amount > 1))).toBe(true);
    expect(seed.picklists.some((p) => p.urgent)).toBe(true);
    expect(seed.picklists.some((p) => p.preferred_delivery_date !== null)).toBe(true);
    expect(seed.picklists.some((p) => p.tags.length > 0 && p.tags.every((t) => /^#[0-9a-f]{6}$/.test(t.color)))).toBe(true);
    const parent = seed.picklists.flatMap((p) => p.products).find((l) => l.has_parts);
    expect(parent).toBeDefined();
    const children = seed.picklists.flatMap((p) => p.products).filter((l) => l.partof_idpicklist_product === parent?.idpicklist_product);
    expect(children.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(seed);
    for (const word of ['Müller', 'Łódź', 'Ørsted', 'Ærø', 'Straße']) expect(text.includes(word), word).toBe(true);
  });

  it('gives orders languages, remarks, order fields and tags keyed by title', () => {
    expect(new Set(seed.orders.map((o) => o.language))).toEqual(new Set(['nl', 'en']));
    expect(seed.orders.some((o) => o.customer_remarks)).toBe(true);
    expect(seed.orders.some((o) => o.orderfields.length > 0)).toBe(true);
    const tagged = seed.orders.find((o) => Object.keys(o.tags).length > 0);
    const [title, tag] = Object.entries(tagged?.tags ?? {})[0] ?? [];
    expect(tag?.title).toBe(title);
    expect(seed.users.some((u) => u.iduser === seed.apiUserId)).toBe(true);
    expect(seed.shippingProviders.flatMap((p) => p.profiles).filter((p) => p.standard)).toHaveLength(1);
    expect(seed.packagings.some((p) => p.barcode)).toBe(true);
    expect(seed.templates.length).toBeGreaterThan(0);
  });

  it('builds a large warehouse quickly', () => {
    const started = performance.now();
    const big = generateSeed({ seed: 'big', products: 50_000, picklists: 5_000, baseUrl });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(big.products).toHaveLength(50_000);
    expect(big.picklists).toHaveLength(5_000);
    expect(new Set(big.products.map((p) => p.barcode).filter(Boolean)).size).toBe(big.products.filter((p) => p.barcode).length - 1);
  });
});
