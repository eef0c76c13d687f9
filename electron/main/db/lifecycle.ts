/*
 * A table with a status column moves its rows through a lifecycle. Each table writes its moves
 * once, as data: the statuses a row may leave from, the status it goes to, and the columns the move
 * writes. `moveSql` turns one move into the UPDATE that makes it, guarded by the statuses it may
 * leave from, so a row another worker moved meanwhile is left alone (and `changes` says so).
 */

export interface Move<Status extends string, Column extends string> {
  /** The statuses the move may leave from; 'any' for a move allowed from every status. */
  from: readonly Status[] | 'any';
  to: Status;
  /**
   * What the move writes besides status and updated_at: SQL over fixed words and named
   * parameters (`@error`, `@now`), never text from outside this module.
   */
  set?: Partial<Record<Column, string>>;
  /** A further condition the row must meet, over its columns (e.g. never sent: `attempts = 0`). */
  only?: string;
}

/** `status IN ('a', 'b')` for the statuses a move may leave from (an empty condition for 'any'). */
function fromCondition(from: readonly string[] | 'any'): string {
  return from === 'any' ? '' : ` AND status IN (${from.map((s) => `'${s}'`).join(', ')})`;
}

/**
 * The UPDATE for one move of the rows `where` picks (an SQL condition over named parameters).
 * The statement text depends only on the move and the condition, so `statement()` caches it.
 */
export function moveSql<Status extends string, Column extends string>(table: string, move: Move<Status, Column>, where: string): string {
  const sets = Object.entries<string | undefined>(move.set ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([column, value]) => `, ${column} = ${value}`)
    .join('');
  const only = move.only === undefined ? '' : ` AND ${move.only}`;
  return `UPDATE ${table} SET status = '${move.to}'${sets}, updated_at = @now WHERE (${where})${fromCondition(move.from)}${only}`;
}
