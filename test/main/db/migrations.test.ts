import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import { migrate, schemaVersion } from '../../../electron/main/db/migrate';
import { migrations, type Migration } from '../../../electron/main/db/migrations';
import { tempDir } from './temp-db';

/*
 * One case per migration: `before` writes data at version - 1 (through plain SQL, as that
 * version's schema had it), `after` checks it survived and the new schema works. A new migration
 * adds its case here; the first test fails until it does.
 */
interface MigrationCase {
  version: number;
  before(db: Database): void;
  after(db: Database): void;
}

const cases: MigrationCase[] = [
  {
    version: 1,
    before: () => undefined,
    after(db) {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
      for (const table of [
        'warehouses', 'users', 'shipping_providers', 'shipping_profiles', 'packagings', 'tags', 'templates', 'products',
        'product_barcodes', 'picklists', 'picklist_tags', 'picklist_lines', 'orders', 'order_fields', 'order_tags',
        'picking_containers', 'sync_state', 'pack_sessions', 'scan_events', 'shipments', 'print_jobs', 'outbox',
      ]) {
        expect(tables).toContain(table);
      }
      db.prepare("INSERT INTO products (idproduct, productcode, name, type, is_active, synced_at) VALUES (1, 'A', 'A', 'normal', 1, 'x')").run();
      db.prepare("INSERT INTO product_barcodes (idproduct, code, kind) VALUES (1, 'abc', 'barcode')").run();
      expect(db.prepare("SELECT idproduct FROM product_barcodes WHERE code = 'ABC'").get()).toEqual({ idproduct: 1 });
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT idproduct FROM product_barcodes WHERE code = 'ABC'").all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toContain('product_barcodes_code');
      db.prepare("INSERT INTO outbox (idpicklist, kind, payload_json, created_at, updated_at) VALUES (1, 'pick', '{}', 't', 't')").run();
      expect(db.prepare('SELECT status, attempts FROM outbox').get()).toEqual({ status: 'pending', attempts: 0 });
    },
  },
];

describe('migrations', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
  });

  it('has a test case for every migration, and versions run 1..n', () => {
    expect(cases.map((c) => c.version)).toEqual(migrations.map((m) => m.version));
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (const testCase of cases) {
    const migration = migrations.find((m) => m.version === testCase.version);
    it(`${String(testCase.version).padStart(4, '0')}-${migration?.name ?? '?'} migrates data written at the version before`, () => {
      const tmp = tempDir();
      cleanup = tmp.cleanup;
      const db = new BetterSqlite3(tmp.file());
      db.pragma('foreign_keys = ON');
      migrate(db, { to: testCase.version - 1 });
      expect(schemaVersion(db)).toBe(testCase.version - 1);
      testCase.before(db);
      migrate(db, { to: testCase.version });
      expect(schemaVersion(db)).toBe(testCase.version);
      testCase.after(db);
      db.close();
    });
  }

  it('opens with WAL, foreign keys, a busy timeout and NORMAL sync, and reopens without migrating again', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const db = openDatabase(tmp.file());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.prepare("INSERT INTO sync_state (key, value, updated_at) VALUES ('k', '1', 't')").run();
    db.close();
    const again = openDatabase(tmp.file());
    expect(again.prepare('SELECT value FROM sync_state').get()).toEqual({ value: '1' });
    again.close();
  });

  it('rolls a failing migration back whole and keeps the version before it', () => {
    const db = new BetterSqlite3(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, { migrations: [...migrations.slice(0, 1), broken] })).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer Packdesk', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const raw = new BetterSqlite3(tmp.file());
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openDatabase(tmp.file())).toThrow(/newer Packdesk/);
  });
});
