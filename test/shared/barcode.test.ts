import { describe, expect, it } from 'vitest';
import {
  GS,
  gs1UnitData,
  gtinFromGs1,
  hasValidCheckDigit,
  indexCodesForProduct,
  isAimIdentifier,
  isValidGtin,
  looksCutOrMisread,
  lookupKeysForScan,
  normaliseScan,
  parseGs1,
  readScan,
  scanText,
  toGtin14,
} from '../../shared/barcode';

describe('GTIN check digits', () => {
  it.each([
    ['EAN-8', '96385074'],
    ['UPC-A', '012345678905'],
    ['UPC-A', '036000291452'],
    ['EAN-13', '4006381333931'],
    ['EAN-13', '5901234123457'],
    ['EAN-13 with leading zero', '0012345678905'],
    ['GTIN-14', '00012345678905'],
    ['GTIN-14 with packaging indicator', '10012345678902'],
  ])('accepts a valid %s (%s)', (_kind, code) => {
    expect(hasValidCheckDigit(code)).toBe(true);
    expect(isValidGtin(code)).toBe(true);
  });

  it.each(['96385075', '012345678904', '4006381333932', '00012345678906'])('rejects %s with a wrong check digit', (code) => {
    expect(isValidGtin(code)).toBe(false);
    expect(toGtin14(code)).toBeNull();
  });

  it.each(['1234567', '12345678901', '123456789012345', 'ABCDEFGH', '', '4006381 33393'])('does not take %j for a GTIN', (code) => {
    expect(isValidGtin(code)).toBe(false);
  });

  it('pads every GTIN length to the same 14 digits', () => {
    expect(toGtin14('012345678905')).toBe('00012345678905');
    expect(toGtin14('0012345678905')).toBe('00012345678905');
    expect(toGtin14('00012345678905')).toBe('00012345678905');
    expect(toGtin14('96385074')).toBe('00000096385074');
  });
});

describe('GS1 element strings', () => {
  it('reads the bracketed form with several AIs', () => {
    expect(parseGs1('(01)00012345678905(17)261231(10)AB12')).toEqual([
      { ai: '01', value: '00012345678905' },
      { ai: '17', value: '261231' },
      { ai: '10', value: 'AB12' },
    ]);
  });

  it('reads the transmitted form with FNC1 as GS between variable-length AIs', () => {
    expect(parseGs1(`0100012345678905${GS}10ABC${GS}21S1`)).toEqual([
      { ai: '01', value: '00012345678905' },
      { ai: '10', value: 'ABC' },
      { ai: '21', value: 'S1' },
    ]);
    expect(parseGs1(`${GS}01000123456789051726123110LOT7`)).toEqual([
      { ai: '01', value: '00012345678905' },
      { ai: '17', value: '261231' },
      { ai: '10', value: 'LOT7' },
    ]);
  });

  it('finds AI 01 after other AIs', () => {
    expect(gtinFromGs1('(00)000123456789012347(01)10012345678902')).toBe('10012345678902');
    expect(gtinFromGs1(`10LOT${GS}0100012345678905`)).toBe('00012345678905');
  });

  it('refuses malformed strings and a wrong GTIN check digit', () => {
    expect(parseGs1('(01)123')).toBeNull();
    expect(parseGs1('(01)00012345678905junk')).toBeNull();
    expect(parseGs1('01123')).toBeNull();
    expect(parseGs1('')).toBeNull();
    expect(gtinFromGs1('(01)00012345678906')).toBeNull();
    expect(gtinFromGs1('(10)ABC')).toBeNull();
  });
});

describe('gs1UnitData: GTIN, lot, best-before and serial of one unit (issue 18)', () => {
  const gtin = '00012345678905';

  it('reads 01, 17, 10 and 21 with group separators after the variable-length AIs', () => {
    expect(gs1UnitData(`01${gtin}17261212` + `10LOT-42${GS}21SN0007`)).toEqual({
      gtin,
      lot: 'LOT-42',
      expiry: '2026-12-12',
      serial: 'SN0007',
    });
  });

  it('reads a variable-length AI that runs to the end without a separator', () => {
    expect(gs1UnitData(`01${gtin}10B7`)).toEqual({ gtin, lot: 'B7', expiry: null, serial: null });
    expect(gs1UnitData(`01${gtin}21XYZ`)).toEqual({ gtin, lot: null, expiry: null, serial: 'XYZ' });
  });

  it('reads a fixed-length AI after a variable one, and the AIs in either order', () => {
    expect(gs1UnitData(`10LOT9${GS}17270315${GS}01${gtin}`)).toEqual({ gtin, lot: 'LOT9', expiry: '2027-03-15', serial: null });
    expect(gs1UnitData(`21S9${GS}10L1${GS}1727031501${gtin}`)).toEqual({ gtin, lot: 'L1', expiry: '2027-03-15', serial: 'S9' });
    expect(gs1UnitData(`${GS}17270315` + `01${gtin}10L2`)).toEqual({ gtin, lot: 'L2', expiry: '2027-03-15', serial: null });
  });

  it('reads the bracketed human-readable form', () => {
    expect(gs1UnitData(`(01)${gtin}(17)261231(10)AB12(21)77`)).toEqual({ gtin, lot: 'AB12', expiry: '2026-12-31', serial: '77' });
  });

  it('takes day 00 for the last day of the month, leap years included', () => {
    expect(gs1UnitData(`01${gtin}17270200`)?.expiry).toBe('2027-02-28');
    expect(gs1UnitData(`01${gtin}17280200`)?.expiry).toBe('2028-02-29');
    expect(gs1UnitData(`01${gtin}17261100`)?.expiry).toBe('2026-11-30');
    expect(gs1UnitData(`01${gtin}17261200`)?.expiry).toBe('2026-12-31');
  });

  it('refuses a date that does not exist rather than guessing one', () => {
    expect(gs1UnitData(`01${gtin}17261332`)).toBeNull();
    expect(gs1UnitData(`01${gtin}17270230`)).toBeNull();
    expect(gs1UnitData(`01${gtin}17260015`)).toBeNull();
  });

  it('is null for a plain barcode, a malformed string or a wrong GTIN check digit', () => {
    expect(gs1UnitData('4006381333931')).toBeNull();
    expect(gs1UnitData('(01)123')).toBeNull();
    expect(gs1UnitData('0100012345678906' + '10L1')).toBeNull();
  });

  it('is null without AI 01, so a productcode such as 10ABC is never read as a lot', () => {
    expect(gs1UnitData(`10L5${GS}17261212`)).toBeNull();
    expect(gs1UnitData('10ABC')).toBeNull();
  });
});

describe('normaliseScan', () => {
  it.each([
    [']E0', ']E04006381333931'],
    [']E4', ']E496385074'],
    [']A0', ']A0SKU-123'],
    [']Q1', ']Q1SKU-123'],
  ])('strips the AIM identifier %s', (aim, raw) => {
    const scan = normaliseScan(raw);
    expect(scan.symbology).toBe(aim);
    expect(scan.text).toBe(raw.slice(3));
  });

  it('strips the scanner suffix and surrounding whitespace', () => {
    expect(normaliseScan('  4006381333931\r\n').text).toBe('4006381333931');
    expect(normaliseScan('\tSKU 1\n').text).toBe('SKU 1');
  });

  it('finds the GTIN in GS1-128 with AIM ]C1 and FNC1', () => {
    const scan = normaliseScan(`]C1010001234567890517261231${GS}10ABC123\r`);
    expect(scan.symbology).toBe(']C1');
    expect(scan.gtin).toBe('00012345678905');
  });

  it('finds the GTIN in GS1 DataMatrix and QR identifiers', () => {
    expect(normaliseScan(']d20100012345678905').gtin).toBe('00012345678905');
    expect(normaliseScan(`]Q30110012345678902${GS}21X`).gtin).toBe('10012345678902');
  });

  it('flags GTIN-length digits with a wrong check digit but keeps the text', () => {
    const scan = normaliseScan(']E04006381333932');
    expect(scan.gtin).toBeNull();
    expect(scan.hasBadCheckDigit).toBe(true);
    expect(scan.text).toBe('4006381333932');
  });

  it('leaves ordinary text alone', () => {
    expect(normaliseScan('ABC-42')).toEqual({ text: 'ABC-42', symbology: null, gtin: null, hasBadCheckDigit: false });
  });
});

describe('readScan: a scan whose AIM identifier came apart from it', () => {
  // AI 17 (best before, fixed length) then AI 01: no parentheses, no FNC1, no leading 01.
  const gs1 = '1726123101000123456789' + '05';

  it('reads a GS1 element string by its identifier, as normaliseScan reads it with the identifier in front', () => {
    for (const aim of [']C1', ']d2', ']Q3', ']e0', ']J1']) {
      expect(readScan(gs1, aim)).toEqual(normaliseScan(`${aim}${gs1}`));
      expect(readScan(gs1, aim).gtin).toBe('00012345678905');
    }
    expect(readScan(gs1, null).gtin).toBeNull();
    expect(readScan(gs1, ']C0').gtin).toBeNull();
    expect(readScan(`${GS}0100012345678905${GS}10L1\r`, ']C1')).toMatchObject({ text: `0100012345678905${GS}10L1`, symbology: ']C1', gtin: '00012345678905' });
  });

  it('takes nothing off the front as an identifier again', () => {
    expect(readScan(']E04006381333931', null)).toMatchObject({ text: ']E04006381333931', symbology: null, gtin: null });
    expect(scanText(' ]C0PD:COMPLETE\r\n')).toBe(']C0PD:COMPLETE');
    expect(scanText(`${GS}0100012345678905 `)).toBe('0100012345678905');
  });

  it('gives the lookup keys and the cut-or-misread verdict by the identifier given', () => {
    expect(lookupKeysForScan(gs1, ']C1')).toEqual([gs1, '00012345678905']);
    expect(lookupKeysForScan(gs1, null)).toEqual([gs1]);
    expect(lookupKeysForScan(gs1)).toEqual([gs1]);
    expect(looksCutOrMisread('4006381333932', ']E0')).toBe(true);
    expect(looksCutOrMisread(']E04006381333931', null)).toBe(false);
  });

  it('knows an AIM identifier on its own', () => {
    for (const aim of [']C1', ']d2', ']E0', ']Q3', ']A0']) expect(isAimIdentifier(aim), aim).toBe(true);
    for (const other of ['', ']C', 'C1', ']C10', ']1C', ']*1', '[C1']) expect(isAimIdentifier(other), other).toBe(false);
  });
});

describe('lookupKeysForScan and indexCodesForProduct', () => {
  it('gives one GTIN-14 key for UPC-A, EAN-13 and GTIN-14 spellings of one product', () => {
    const keys = ['012345678905', '0012345678905', '00012345678905', ']E0012345678905', '(01)00012345678905'].map((raw) =>
      lookupKeysForScan(raw),
    );
    for (const k of keys) expect(k).toContain('00012345678905');
  });

  it('every scan spelling meets a stored code of the product', () => {
    const stored = indexCodesForProduct({ barcode: '0012345678905', productcode: 'SKU-1' }).map((c) => c.code.toUpperCase());
    for (const raw of ['012345678905', '00012345678905', `]C10100012345678905${GS}10L1`, 'sku-1', ']A0SKU-1']) {
      const hit = lookupKeysForScan(raw).some((key) => stored.includes(key.toUpperCase()));
      expect(hit, raw).toBe(true);
    }
  });

  it('stores the barcode, the productcode and the GTIN-14, without duplicates', () => {
    expect(indexCodesForProduct({ barcode: '4006381333931', productcode: 'STB-1' })).toEqual([
      { code: '4006381333931', kind: 'barcode' },
      { code: '04006381333931', kind: 'gtin' },
      { code: 'STB-1', kind: 'productcode' },
    ]);
    expect(indexCodesForProduct({ barcode: '00012345678905', productcode: '00012345678905' })).toEqual([
      { code: '00012345678905', kind: 'barcode' },
    ]);
  });

  it('indexes a numeric productcode that is a GTIN, and a product without barcode', () => {
    expect(indexCodesForProduct({ barcode: null, productcode: '96385074' })).toEqual([
      { code: '96385074', kind: 'productcode' },
      { code: '00000096385074', kind: 'gtin' },
    ]);
    expect(indexCodesForProduct({ barcode: '  ', productcode: 'X' })).toEqual([{ code: 'X', kind: 'productcode' }]);
  });

  it('does not add a GTIN for a barcode with a wrong check digit', () => {
    expect(indexCodesForProduct({ barcode: '4006381333932', productcode: 'P' }).map((c) => c.kind)).toEqual(['barcode', 'productcode']);
  });

  it('returns no key for an empty scan', () => {
    expect(lookupKeysForScan(' \r\n')).toEqual([]);
  });
});

describe('looksCutOrMisread (issue 12)', () => {
  it.each([
    ['EAN-13 with one digit wrong', '5901234123458'],
    ['EAN-13 with its last digit lost', '590123412345'],
    ['UPC-A with one digit wrong', '012345678906'],
    ['EAN-8 with one digit wrong', '96385075'],
    ['EAN-8 with its last digit lost', '9638507'],
    ['UPC-A with its last digit lost', '01234567890'],
    ['GTIN-14 with one digit wrong', '10012345678901'],
    ['an AIM identifier in front does not hide it', ']E05901234123458'],
  ])('says so for %s', (_kind, code) => {
    expect(looksCutOrMisread(code)).toBe(true);
  });

  it.each([
    ['a valid EAN-13', '5901234123457'],
    ['a valid UPC-A', '036000291452'],
    ['a valid EAN-8', '96385074'],
    ['a valid EAN-13 that happens to be a cut GTIN-14', '0001234567895'],
    ['a short number', '1234'],
    ['a product code with letters', 'SKU-12345678'],
    ['a ten-digit number', '1234567890'],
    ['a GS1 string with a valid GTIN', '(01)05901234123457(10)AB1'],
  ])('leaves %s alone', (_kind, code) => {
    expect(looksCutOrMisread(code)).toBe(false);
  });
});
