/* Shared by the stats unit tests and the Stats e2e test, which read the CSV files back. */

/** RFC 4180 read strictly: CRLF after every record, quotes only around whole fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        isQuoted = false;
        i += 1;
        if (text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      } else {
        field += c;
        i += 1;
      }
      continue;
    }
    if (c === '"' && field === '') {
      isQuoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n' || c === '"') {
      throw new Error(`${JSON.stringify(c)} outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (isQuoted || field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}
