import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { renderPackingSlip, slipPageSizes, slipSizeForMedia, slipSizes, type PackingSlipInput, type PackingSlipLine, type PackingSlipOptions } from '../../../electron/main/documents/packing-slip';
import { decodeBarcodes, missingTools, pdfImageCount, pdfPageSizes, pdfPages, pdfText } from './pdf-tools';

const names = ['Müller', 'Łódź', 'Ørsted', 'Ærø', 'Straße'];

function slipInput(lineCount: number): PackingSlipInput {
  const lines: PackingSlipLine[] = Array.from({ length: lineCount }, (_, i) => ({
    productcode: `SKU-${String(i + 1).padStart(3, '0')}`,
    name: `Fietsbel ${i + 1}`,
    amount: (i % 3) + 1,
    remarks: i === 0 ? 'Breekbaar' : null,
    parts: [],
  }));
  if (lines[1]) {
    lines[1] = {
      ...lines[1],
      name: 'Giftbox Ærø',
      parts: [
        { productcode: 'PART-A', name: 'Zeep Ørsted', amount: 2, remarks: null },
        { productcode: 'PART-B', name: 'Handdoek', amount: 1, remarks: null },
      ],
    };
  }
  return {
    picklistid: 'P2026-10042',
    orderid: 'O2026-555',
    reference: 'PS #73 / ITQRFWVHT',
    date: new Date(2026, 10, 2, 10, 0, 0),
    deliveryAddress: ['Jörg Müller', 'Schloßstraße 1', '90-001 Łódź', 'PL'],
    invoiceAddress: ['Ørsted A/S', 'Ærøvej 2', '5970 Ærøskøbing', 'DK'],
    lines,
    customerRemarks: 'Bitte an der Straße abgeben',
    orderFields: [{ title: 'Cadeauverpakking', value: 'ja' }],
  };
}

const company: PackingSlipOptions['company'] = { name: 'Acme Fietsen BV', address: ['Kanaalweg 1', '3526 KL Utrecht'] };

describe.skipIf(missingTools.length > 0)('packing slip', () => {
  const expectations = {
    nl: ['Pakbon', 'Bestelling: O2026-555', 'Picklijst: P2026-10042', 'Datum: 02-11-2026', 'Afleveradres', 'Factuuradres', 'Referentie: PS #73 / ITQRFWVHT', 'Opmerkingen van de klant', 'Aantal', 'pagina 1 van 1'],
    en: ['Packing slip', 'Order: O2026-555', 'Picklist: P2026-10042', 'Date: 2 Nov 2026', 'Delivery address', 'Invoice address', 'Reference: PS #73 / ITQRFWVHT', 'Customer remarks', 'Qty', 'page 1 of 1'],
  } as const;

  for (const language of ['nl', 'en'] as const) {
    it(`(${language}) shows the order, both addresses, the lines and the names intact`, async () => {
      const pdf = await renderPackingSlip(slipInput(5), { size: 'A4', language, company });
      const text = pdfText(pdf);
      for (const expected of expectations[language]) expect(text).toContain(expected);
      for (const name of names) expect(text).toContain(name);
      for (const expected of ['Acme Fietsen BV', 'Kanaalweg 1', 'Jörg Müller', 'Schloßstraße 1', '90-001 Łódź', 'Ørsted A/S', '5970 Ærøskøbing']) expect(text).toContain(expected);
      for (const expected of ['SKU-001', 'Fietsbel 1', 'Breekbaar', 'Giftbox Ærø', 'PART-A', 'Zeep Ørsted', 'Cadeauverpakking: ja', 'Bitte an der Straße abgeben']) {
        expect(text).toContain(expected);
      }
    });
  }

  for (const [language, words, other] of [
    ['nl', 'Doos 2 van 3', 'Doos 1'],
    ['en', 'Box 2 of 3', 'Box 1'],
  ] as const) {
    it(`(${language}) a slip of one box of several says which box, with the whole contents list`, async () => {
      const pdf = await renderPackingSlip(slipInput(5), { size: 'A6', language, company, box: { box: 2, of: 3 } });
      const text = pdfText(pdf);
      expect(text).toContain(words);
      expect(text).not.toContain(other);
      for (const code of ['SKU-001', 'SKU-005', 'PART-A']) expect(text).toContain(code);
      const single = pdfText(await renderPackingSlip(slipInput(5), { size: 'A6', language, company }));
      expect(single).not.toMatch(language === 'nl' ? /Doos \d/ : /Box \d/);
    });
  }

  for (const [language, expected] of [
    ['nl', ['Partij L1, THT 15-03-2027 (2x)', 'Partij L2, THT 30-04-2027, serienr. SN9', 'Serienr. P-1']],
    ['en', ['Lot L1, best before 15 Mar 2027 (2x)', 'Lot L2, best before 30 Apr 2027, serial SN9', 'Serial P-1']],
  ] as const) {
    it(`(${language}) prints lot, best-before date and serial under their line, in the line's order (issue 18)`, async () => {
      const input = slipInput(5);
      const [first, second] = input.lines;
      if (!first || !second) throw new Error('slipInput has lines');
      first.units = [
        { lot: 'L1', expiry: '2027-03-15', serial: null, amount: 2 },
        { lot: 'L2', expiry: '2027-04-30', serial: 'SN9', amount: 1 },
      ];
      const part = second.parts[0];
      if (part) part.units = [{ lot: null, expiry: null, serial: 'P-1', amount: 1 }];
      const rows = (pdfPages(await renderPackingSlip(input, { size: 'A4', language, company }))[0] ?? '').split('\n');
      const rowOf = (text: string) => rows.findIndex((r) => r.includes(text));
      for (const text of expected) expect(rowOf(text)).toBeGreaterThan(-1);
      expect(rowOf(expected[0])).toBeGreaterThan(rowOf('SKU-001'));
      expect(rowOf(expected[1])).toBeLessThan(rowOf('SKU-002'));
      expect(rowOf(expected[2])).toBeGreaterThan(rowOf('PART-A'));
      expect(rowOf(expected[2])).toBeLessThan(rowOf('PART-B'));
    });
  }

  it('indents composition parts under their parent', async () => {
    const pages = pdfPages(await renderPackingSlip(slipInput(5), { size: 'A4', language: 'en', company }));
    const rows = (pages[0] ?? '').split('\n');
    const column = (code: string) => rows.find((r) => r.includes(code))?.indexOf(code) ?? -1;
    expect(column('PART-A')).toBeGreaterThan(column('SKU-002'));
    expect(rows.findIndex((r) => r.includes('PART-A'))).toBeGreaterThan(rows.findIndex((r) => r.includes('SKU-002')));
    expect(rows.findIndex((r) => r.includes('PART-B'))).toBeLessThan(rows.findIndex((r) => r.includes('SKU-003')));
  });

  for (const language of ['nl', 'en'] as const) {
    it(`(${language}) a 120-line order runs over pages: header on each, "page x of y", every line once`, async () => {
      const pdf = await renderPackingSlip(slipInput(120), { size: 'A4', language, company });
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, i) => {
        expect(page).toContain(language === 'nl' ? `pagina ${i + 1} van ${pages.length}` : `page ${i + 1} of ${pages.length}`);
        expect(page).toContain('Acme Fietsen BV');
        expect(page).toContain('P2026-10042');
        expect(page).toContain(language === 'nl' ? 'Productcode' : 'Product code');
      });
      const all = pages.join('\n');
      for (let i = 1; i <= 120; i++) expect(all.match(new RegExp(`SKU-${String(i).padStart(3, '0')}\\b`, 'g'))).toHaveLength(1);
      // The barcode is repeated with the header: a later page still opens the picklist.
      expect(decodeBarcodes(pdf, { page: pages.length })).toEqual(['P2026-10042']);
    });
  }

  for (const size of slipSizes) {
    it(`${size}: page size, and the picklistid barcode decodes at 150 dpi`, async () => {
      const pdf = await renderPackingSlip(slipInput(8), { size, language: 'nl', company });
      const [width, height] = slipPageSizes[size];
      const sizes = pdfPageSizes(pdf);
      expect(sizes.length).toBeGreaterThan(0);
      for (const page of sizes) {
        expect(page.width).toBeCloseTo(width, 0);
        expect(page.height).toBeCloseTo(height, 0);
      }
      expect(decodeBarcodes(pdf, { dpi: 150 })).toEqual(['P2026-10042']);
      for (const name of names) expect(pdfText(pdf)).toContain(name);
    });
  }

  it('prints a logo when configured and goes on without one it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-logo-'));
    try {
      const logoPath = join(dir, 'logo.png');
      writeFileSync(logoPath, await bwipjs.toBuffer({ bcid: 'qrcode', text: 'Acme', scale: 4, backgroundcolor: 'FFFFFF' }));
      const withLogo = await renderPackingSlip(slipInput(2), { size: 'A5', language: 'en', company: { ...company, logoPath } });
      const withMissing = await renderPackingSlip(slipInput(2), { size: 'A5', language: 'en', company: { ...company, logoPath: join(dir, 'missing.png') } });
      // The barcode is one image; the logo is the second.
      expect(pdfImageCount(withLogo)).toBe(2);
      expect(pdfImageCount(withMissing)).toBe(1);
      expect(pdfText(withMissing)).toContain('Acme Fietsen BV');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('slip size from printer media', () => {
  it.each([
    ['A4', 'A4'],
    ['iso_a5_148x210mm', 'A5'],
    ['A6', 'A6'],
    ['na_index-4x6_4x6in', '4x6'],
    ['100x150mm', '4x6'],
    ['Letter', 'A4'],
    [undefined, 'A4'],
  ] as const)('%s -> %s', (media, size) => {
    expect(slipSizeForMedia(media)).toBe(size);
  });
});
