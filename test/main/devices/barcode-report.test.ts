import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createBarcodeAssembler,
  parseScannedDataReport,
  type BarcodeReportLayout,
  type ScannedCode,
} from '../../../electron/main/devices/barcode-report';
import { splitAim } from '../../../shared/barcode';

interface Fixture {
  source: string;
  cases: Array<{ name: string; vendorId: number; layout: BarcodeReportLayout; reports: string[]; expect: ScannedCode[] }>;
}

const fixtures = (file: string): Fixture => JSON.parse(readFileSync(join(__dirname, '../../fixtures/hid', file), 'utf8')) as Fixture;
const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

/** A 64-byte scanned-data report in the standard layout, for the cases the fixtures do not cover. */
function report(aim: string, data: string, isContinued = false): Buffer {
  const out = Buffer.alloc(64);
  out[0] = 0x02;
  out[1] = Buffer.byteLength(data);
  out.write(aim, 2, 'latin1');
  out.write(data, 5, 'latin1');
  out[63] = isContinued ? 1 : 0;
  return out;
}

function scanAll(reports: Buffer[], layout: BarcodeReportLayout, vendorId: number): ScannedCode[] {
  const assembler = createBarcodeAssembler({ layout, vendorId });
  const out: ScannedCode[] = [];
  reports.forEach((r, i) => {
    const scanned = assembler.push(r, 1_000 + i * 5);
    if (scanned) out.push(scanned);
  });
  return out;
}

for (const file of ['hid-pos-standard.json', 'hid-pos-variants.json']) {
  describe(`HID POS scanned data reports: ${file}`, () => {
    const fixture = fixtures(file);
    for (const c of fixture.cases) {
      it(c.name, () => {
        expect(scanAll(c.reports.map(bytes), c.layout, c.vendorId)).toEqual(c.expect);
      });
    }
  });
}

describe('HID POS scanned data reports', () => {
  it('joins a long code only when its last report came, and keeps it whole', () => {
    const assembler = createBarcodeAssembler();
    const first = 'A'.repeat(56);
    const second = 'B'.repeat(56);
    expect(assembler.push(report(']C0', first, true), 0)).toBeNull();
    expect(assembler.push(report(']C0', second, true), 5)).toBeNull();
    expect(assembler.push(report(']C0', 'END'), 10)).toEqual({ code: `${first}${second}END`, aim: ']C0', symbology: 'Code 128' });
  });

  it('takes the AIM identifier off but keeps GS separators inside a GS1 code', () => {
    const scanned = createBarcodeAssembler().push(report(']C1', '0108712345678906\x1d10LOT42'), 0);
    expect(scanned).toEqual({ code: '0108712345678906\x1d10LOT42', aim: ']C1', symbology: 'GS1-128' });
  });

  it('does not keep the AIM identifier twice when the scanner also puts it in the data', () => {
    expect(createBarcodeAssembler().push(report(']E0', ']E05901234123457'), 0)?.code).toBe('5901234123457');
  });

  it('drops the first half of a code whose rest never came, so the next scan is not glued to it', () => {
    const drops: string[] = [];
    const assembler = createBarcodeAssembler({ staleMs: 500, onDrop: (reason) => drops.push(reason) });
    expect(assembler.push(report(']E0', '12345', true), 0)).toBeNull();
    expect(assembler.push(report(']E0', '5901234123457'), 2_000)).toEqual({ code: '5901234123457', aim: ']E0', symbology: 'EAN-13' });
    expect(drops).toHaveLength(1);
  });

  it('gives up on a code that never ends instead of growing without bound', () => {
    const drops: string[] = [];
    const assembler = createBarcodeAssembler({ maxBytes: 200, onDrop: (reason) => drops.push(reason) });
    for (let i = 0; i < 10; i++) expect(assembler.push(report(']C0', 'X'.repeat(56), true), i)).toBeNull();
    expect(assembler.push(report(']C0', 'TAIL'), 11)).toBeNull();
    expect(drops).toHaveLength(1);
    expect(assembler.push(report(']C0', 'OK'), 12)?.code).toBe('OK');
  });

  it('forgets a half-received code on reset (the scanner was unplugged mid-code)', () => {
    const assembler = createBarcodeAssembler();
    assembler.push(report(']E0', '123', true), 0);
    expect(assembler.reset()).toBe(true);
    expect(assembler.push(report(']E0', '5901234123457'), 1)?.code).toBe('5901234123457');
    expect(assembler.reset()).toBe(false);
  });

  it('ignores reports that are not scanned data (status, command answers) and empty scans', () => {
    const assembler = createBarcodeAssembler();
    const status = Buffer.alloc(64);
    status[0] = 0x04;
    expect(parseScannedDataReport(status)).toBeNull();
    expect(assembler.push(status, 0)).toBeNull();
    expect(assembler.push(Buffer.from([0x02]), 0)).toBeNull();
    expect(assembler.push(report('\0\0\0', ''), 0)).toBeNull();
  });

  it('does not read past the data field when a report claims more than fits', () => {
    const broken = report(']E0', '5901234123457');
    broken[1] = 0xff;
    broken[61] = 0x64;
    const segment = parseScannedDataReport(broken);
    expect(segment?.data.length).toBe(56);
  });

  it('reads UTF-8 text from a QR code and falls back to Latin-1 for other bytes', () => {
    expect(createBarcodeAssembler().push(report(']Q1', 'Größe'), 0)?.code).toBe('Größe');
    const latin = report(']Q1', '');
    latin[1] = 3;
    latin.set([0x41, 0xe9, 0x42], 5);
    expect(createBarcodeAssembler().push(latin, 0)?.code).toBe('AéB');
  });

  it('splits a leading AIM identifier off plain text', () => {
    expect(splitAim(']E05901234123457')).toEqual({ code: '5901234123457', aim: ']E0' });
    expect(splitAim('P2026-00012')).toEqual({ code: 'P2026-00012', aim: null });
  });
});
