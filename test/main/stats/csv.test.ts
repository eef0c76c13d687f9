import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { replaceUsers } from '../../../electron/main/db/queries/users';
import { csvFilename, scanColumns, statsCsv, summaryColumns } from '../../../electron/main/stats/csv';
import { csvCell, csvDocument } from '../../../electron/main/documents/csv';
import { anna, codes, createHarness, ean13, scan, type Harness } from '../packing/harness';
import { product, user } from '../db/factories';
import { nowIso, summaryOf, tz, wait } from './helpers';
import { parseCsv } from './parse-csv';

const withoutBom = (csv: string) => {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return csv.slice(1);
};

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('Mok "Groot"')).toBe('"Mok ""Groot"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(0.25)).toBe('0.25');
  });

  it('keeps spreadsheets from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+31612345678')).toBe("'+31612345678");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('a=b')).toBe('a=b');
    // Numbers are written as numbers: a negative one is not text to guard.
    expect(csvCell(-5)).toBe('-5');
  });

  it('starts with a byte order mark and ends every record with CRLF', () => {
    const csv = csvDocument(['name', 'n'], [['Jürgen Müller', 1], ['a,b', null]]);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from([0x4d, 0xc3, 0xbc]))).toBe(true);
    expect(csv.slice(1)).toBe('name,n\r\nJürgen Müller,1\r\n"a,b",\r\n');
  });

  it('names files by kind, station, day and shift', () => {
    expect(csvFilename('scans', '2026-11-02', 'night', 'Pack 3 / Inpakken')).toBe('packdesk-scans-pack-3-inpakken-2026-11-02-night.csv');
    expect(csvFilename('summary', '2026-11-02', null, 'Müller’s tafel')).toBe('packdesk-summary-muller-s-tafel-2026-11-02.csv');
    expect(csvFilename('summary', '2026-11-02', null, null)).toBe('packdesk-summary-2026-11-02.csv');
  });
});

describe('stats CSV exports from a real pack session', () => {
  let h: Harness;
  const juergen = { iduser: 12, name: 'Jürgen Müller' };
  const mug = { idproduct: 109, name: 'Mok "Groot", blauw', barcode: ean13('871234500009') };

  beforeEach(async () => {
    h = createHarness();
    const now = nowIso(h);
    replaceUsers(
      h.db,
      [
        user({ iduser: 10, username: 'anna' }),
        user({ iduser: 11, username: 'bert', firstname: 'Bert', lastname: 'Jansen' }),
        user({ iduser: 12, username: 'jmuller', firstname: 'Jürgen', lastname: 'Müller' }),
      ],
      now,
    );
    upsertProducts(h.db, [product({ idproduct: mug.idproduct, name: mug.name, barcode: mug.barcode })], now);

    // Jürgen scans what a spreadsheet would run, a product whose name needs quoting, and packs.
    h.state.packer = juergen;
    expect((await scan(h.service, 'P2026-5010')).kind).toBe('opened');
    for (const code of ['=1+2', '+31612345678', '-5', '@SUM(A1)', 'A,B "C"']) {
      wait(h, 2);
      expect((await scan(h.service, code)).outcome).toBe('unknown_barcode');
    }
    wait(h, 2);
    expect((await scan(h.service, mug.barcode)).outcome).toBe('wrong_item');
    wait(h, 2);
    expect((await scan(h.service, codes.redMug)).outcome).toBe('all_verified');
    h.service.complete();

    // Anna: a scan taken back, then the picklist left.
    h.state.packer = anna;
    wait(h, 30);
    await h.service.open(5011);
    expect((await scan(h.service, codes.redMug)).outcome).toBe('counted');
    wait(h, 3);
    h.service.undo();
    h.service.leave();
  });

  afterEach(() => {
    h.cleanup();
  });

  const options = () => ({ clock: h.clock, timeZone: tz, stationName: 'Station 1' });

  it('has one row per scan event of the day, matching the scan_events table exactly', () => {
    const { filename, csv } = statsCsv(h.db, { kind: 'scans' }, options());
    expect(filename).toBe('packdesk-scans-station-1-2026-11-02.csv');
    const [header, ...rows] = parseCsv(withoutBom(csv));
    expect(header).toEqual([...scanColumns]);

    const events = h.db
      .prepare('SELECT id, scanned_at, station, iduser, code, outcome, quantity, source, undone_at FROM scan_events ORDER BY scanned_at, id')
      .all() as Array<{ id: number; station: string; iduser: number; code: string; outcome: string; quantity: number; source: string; undone_at: string | null }>;
    expect(events).toHaveLength(9);
    expect(rows).toHaveLength(events.length);
    const column = (name: (typeof scanColumns)[number]) => scanColumns.indexOf(name);
    rows.forEach((row, i) => {
      const event = events[i];
      expect(row).toHaveLength(scanColumns.length);
      expect(row[column('scan_id')]).toBe(String(event.id));
      expect(row[column('code')]).toBe(/^[=+\-@]/.test(event.code) ? `'${event.code}` : event.code);
      expect(row[column('outcome')]).toBe(event.outcome);
      expect(row[column('quantity')]).toBe(String(event.quantity));
      expect(row[column('station')]).toBe(event.station);
      expect(row[column('packer_id')]).toBe(String(event.iduser));
      expect(row[column('source')]).toBe(event.source);
      expect(row[column('undone')] !== '').toBe(event.undone_at !== null);
    });

    expect(rows[0]).toEqual(['2026-11-02 10:00:00', 'Station 1', '12', 'Jürgen Müller', 'P2026-5010', 'P2026-5010', 'opened', '1', '', '', 'wedge', '', '', String(events[0]?.id), '', '', '']);
    expect(rows.slice(1, 6).map((r) => r[column('code')])).toEqual(["'=1+2", "'+31612345678", "'-5", "'@SUM(A1)", 'A,B "C"']);
    expect(rows[6]?.slice(column('outcome'), column('product') + 1)).toEqual(['wrong_item', '1', 'SKU-109', mug.name]);
    expect(rows[8]?.slice(column('packer'), column('picklist') + 1)).toEqual(['Anna de Vries', 'P2026-5011']);
    expect(rows[8]?.[column('undone')]).toMatch(/^2026-11-02 10:00:\d\d$/);
    // In the file as Excel reads it: the quoted product, the guarded formula, the name in UTF-8.
    expect(csv).toContain('"Mok ""Groot"", blauw"');
    expect(csv).toContain(",'=1+2,");
    expect(Buffer.from(csv, 'utf8').includes(Buffer.from('Jürgen Müller', 'utf8'))).toBe(true);
  });

  it('has the lot, best-before date and serial of a unit scanned by its GS1 code (issue 18)', async () => {
    wait(h, 5);
    await h.service.open(5011);
    expect((await scan(h.service, `010${codes.redMug}17270315` + `10LOT-9\x1d21SN-4`)).outcome).toBe('counted');
    const [, ...rows] = parseCsv(withoutBom(statsCsv(h.db, { kind: 'scans' }, options()).csv));
    const last = rows.at(-1) ?? [];
    const column = (name: (typeof scanColumns)[number]) => scanColumns.indexOf(name);
    expect([last[column('outcome')], last[column('lot')], last[column('best_before')], last[column('serial')]]).toEqual(['counted', 'LOT-9', '2027-03-15', 'SN-4']);
    expect(rows[0]?.[column('lot')]).toBe('');
  });

  it('keeps to the shift asked for', () => {
    const late = statsCsv(h.db, { kind: 'scans', shift: 'late' }, options());
    expect(late.filename).toBe('packdesk-scans-station-1-2026-11-02-late.csv');
    expect(parseCsv(withoutBom(late.csv))).toEqual([[...scanColumns]]);
    expect(parseCsv(withoutBom(statsCsv(h.db, { kind: 'scans', shift: 'early' }, options()).csv))).toHaveLength(10);
  });

  it('has one summary row per packer with the Stats screen’s figures', () => {
    const { filename, csv } = statsCsv(h.db, { kind: 'summary', day: '2026-11-02', shift: 'early' }, options());
    expect(filename).toBe('packdesk-summary-station-1-2026-11-02-early.csv');
    const [header, ...rows] = parseCsv(withoutBom(csv));
    expect(header).toEqual([...summaryColumns]);
    const summary = summaryOf(h, { day: '2026-11-02', shift: 'early' });
    expect(summary.packers.map((p) => p.name)).toEqual(['Jürgen Müller', 'Anna de Vries']);
    expect(rows).toEqual([
      ['2026-11-02', 'early', '12', 'Jürgen Müller', '1', '1', '8', '7', '6', '0.8571', '14', '', '', '0'],
      ['2026-11-02', 'early', '10', 'Anna de Vries', '0', '0', '1', '1', '0', '0', '', '', '', '0'],
    ]);
    expect(summary.packers[0]).toMatchObject({ parcels: 1, units: 1, scans: 8, productScans: 7, misScans: 6, misScanRate: 6 / 7, medianSeconds: { scanning: 14 } });
  });
});
