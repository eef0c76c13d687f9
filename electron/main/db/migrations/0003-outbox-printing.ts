import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

/*
 * What the outbox worker, the print queue and History keep beyond 0001:
 * - pack_sessions: `alert` (why a parcel stopped before its shipment, in plain words) and the
 *   statuses the outbox writes ('completing', 'labels_pending', 'completed', 'alert', 'abandoned');
 * - shipments: what History shows without the picklist still being cached (picklistid, customer,
 *   profile name) and every label document of every parcel (documents_json);
 * - print_jobs: 'command_sheet' jobs, the delivery target chosen before a job is sent (so a restart
 *   can tell whether it reached the printer), its retry time and whether it is an explicit reprint.
 *
 * The pack session core writes migration 0002 at the same time and may already have changed
 * pack_sessions, so this one looks at the schema it finds instead of assuming 0001's: a column is
 * added only when missing, a CHECK list is widened only when it lacks a value.
 */

const sessionStatuses = ['completing', 'labels_pending', 'completed', 'alert', 'abandoned'];
const printKinds = ['label', 'packing_slip', 'product_label', 'test', 'command_sheet'];

/** Tables whose CHECK may change, parents before the children that refer to them. */
const family = ['pack_sessions', 'scan_events', 'shipments', 'print_jobs'] as const;

function tableSql(db: Database, table: string): string | null {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  return row?.sql ?? null;
}

function columnsOf(db: Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

function addColumn(db: Database, table: string, column: string, definition: string): void {
  if (!columnsOf(db, table).includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}

/** Adds the missing values to `CHECK (column IN (...))`; the SQL unchanged when nothing is missing. */
export function widenCheck(sql: string, column: string, values: readonly string[]): string {
  const pattern = new RegExp(`CHECK\\s*\\(\\s*${column}\\s+IN\\s*\\(([^)]*)\\)\\s*\\)`, 'i');
  const match = pattern.exec(sql);
  if (!match?.[1]) return sql;
  const present = [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const missing = values.filter((v) => !present.includes(v));
  if (missing.length === 0) return sql;
  const list = [...present, ...missing].map((v) => `'${v}'`).join(', ');
  return sql.replace(pattern, `CHECK (${column} IN (${list}))`);
}

/**
 * SQLite cannot change a CHECK in place, and inside the migration's transaction foreign keys
 * stay on, so pack_sessions cannot simply be copied and dropped (its children would point at the
 * dropped table and the commit fails). Instead the whole family moves aside: renaming a parent
 * rewrites its children's references to the old name, so once the new tables hold the data the
 * old ones can be dropped children first without a single dangling reference.
 */
function rebuildFamily(db: Database, newSql: Map<string, string>, changed: readonly string[]): void {
  // A changed table and every table that refers to one being rebuilt (print_jobs -> shipments ->
  // pack_sessions <- scan_events), parents first.
  const rebuilt = new Set(changed);
  for (const table of family) {
    if (tableSql(db, table) === null) continue;
    const parents = (db.prepare(`PRAGMA foreign_key_list(${table})`).all() as Array<{ table: string }>).map((fk) => fk.table);
    if (parents.some((p) => rebuilt.has(p))) rebuilt.add(table);
  }
  const tables = family.filter((t) => rebuilt.has(t) && tableSql(db, t) !== null);
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as Array<{ name: string; sql: string }>;
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as Array<{ name: string; sql: string }>;
  const sequences = new Map(
    (db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{ name: string; seq: number }>).map((r) => [r.name, r.seq]),
  );
  const columns = new Map(tables.map((t) => [t, columnsOf(db, t)]));
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  // Children before parents, so each rename finds no one pointing at a name that goes away.
  for (const table of [...tables].reverse()) db.exec(`ALTER TABLE ${table} RENAME TO ${table}_before_0003`);
  for (const table of tables) {
    db.exec(newSql.get(table) ?? '');
    const list = (columns.get(table) ?? []).join(', ');
    db.exec(`INSERT INTO ${table} (${list}) SELECT ${list} FROM ${table}_before_0003`);
  }
  for (const table of [...tables].reverse()) db.exec(`DROP TABLE ${table}_before_0003`);
  for (const index of indexes) db.exec(index.sql);
  for (const trigger of triggers) db.exec(trigger.sql);
  for (const table of tables) {
    const seq = sequences.get(table);
    if (seq === undefined) continue;
    db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table);
    db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, seq);
  }
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`migration 0003 left ${broken.length} broken foreign keys`);
}

const migration: Migration = {
  version: 3,
  name: 'outbox-printing',
  up(db) {
    const original = new Map(family.map((t) => [t, tableSql(db, t) ?? '']));
    const wanted = new Map(original);
    wanted.set('pack_sessions', widenCheck(original.get('pack_sessions') ?? '', 'status', sessionStatuses));
    wanted.set('print_jobs', widenCheck(original.get('print_jobs') ?? '', 'kind', printKinds));
    const changed = family.filter((t) => wanted.get(t) !== original.get(t));
    if (changed.length > 0) rebuildFamily(db, wanted, changed);

    addColumn(db, 'pack_sessions', 'alert', 'TEXT');

    addColumn(db, 'shipments', 'picklistid', 'TEXT');
    addColumn(db, 'shipments', 'customer', 'TEXT');
    addColumn(db, 'shipments', 'profile_name', 'TEXT');
    addColumn(db, 'shipments', 'documents_json', 'TEXT');
    db.exec('CREATE INDEX IF NOT EXISTS shipments_created ON shipments (created_at)');

    addColumn(db, 'print_jobs', 'target', 'TEXT');
    addColumn(db, 'print_jobs', 'next_attempt_at', 'TEXT');
    addColumn(db, 'print_jobs', 'is_reprint', 'INTEGER NOT NULL DEFAULT 0');
    addColumn(db, 'print_jobs', 'printed_at', 'TEXT');
    db.exec('CREATE INDEX IF NOT EXISTS print_jobs_shipment ON print_jobs (shipment_id, kind)');
  },
};

export default migration;
