import type { Page } from './types';
import type { ParseResult } from './schemas';

/** Picqer's fixed page size; there is no limit parameter to ask for another. */
export const pageSize = 100;

/** Sorts one page's records into parsed items and rejected ones, keeping the page's place. */
export function parsePage<T>(records: unknown[], offset: number, parse: (record: unknown) => ParseResult<T>, idField: string): Page<T> {
  const page: Page<T> = { items: [], rejected: [], isLast: records.length < pageSize, offset };
  records.forEach((record, index) => {
    const result = parse(record);
    if (result.ok) {
      page.items.push(result.value);
      return;
    }
    const rawId = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[idField] : undefined;
    const id = typeof rawId === 'number' ? rawId : typeof rawId === 'string' && /^\d+$/.test(rawId) ? Number(rawId) : null;
    page.rejected.push({ index, id, reason: result.reason });
  });
  return page;
}

function firstId(records: unknown[], idField: string): unknown {
  const first = records[0];
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[idField] : undefined;
}

/**
 * Walks a list endpoint 100 records at a time from `startOffset`, ending at the first page with
 * fewer than 100 records. An endpoint that ignores `offset` (some are not paginated) would send
 * the same full page forever, so a page that starts with the previous page's first record ends
 * the walk too.
 */
export async function* paginate<T>(
  fetchPage: (offset: number) => Promise<unknown[]>,
  parse: (record: unknown) => ParseResult<T>,
  idField: string,
  startOffset = 0,
): AsyncGenerator<Page<T>, void, undefined> {
  let offset = Math.max(0, Math.floor(startOffset));
  let previousFirst: unknown = undefined;
  for (;;) {
    const records = await fetchPage(offset);
    const first = firstId(records, idField);
    if (offset > startOffset && records.length > 0 && first !== undefined && first === previousFirst) return;
    previousFirst = first;
    const page = parsePage(records, offset, parse, idField);
    yield page;
    if (page.isLast) return;
    offset += pageSize;
  }
}
