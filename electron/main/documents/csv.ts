/*
 * The station's CSV files (the Stats screen's downloads, an order's lots from History). RFC 4180:
 * comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line break
 * (quotes doubled). UTF-8 with a byte order mark, because without one Excel reads the file in the
 * machine's legacy code page and "Müller" arrives as "MÃ¼ller". Barcodes, lots, names and reasons
 * come from scanners and from Picqer, so a text field that a spreadsheet would run as a formula
 * gets a leading apostrophe (OWASP's CSV injection advice): =, +, -, @, and tab and carriage
 * return, which some spreadsheets skip before looking.
 */

export type CsvValue = string | number | null;

const bom = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return bom + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Text as a piece of a file name that is safe on every file system: lower case ASCII letters, digits and dashes. */
export function fileSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
