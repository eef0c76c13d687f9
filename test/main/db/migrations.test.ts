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
  {
    version: 2,
    before(db) {
      db.prepare(
        "INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (4, 5001, 10, 'Station 1', 'open', 't0', 't1')",
      ).run();
      db.prepare(
        `INSERT INTO scan_events (pack_session_id, idpicklist, iduser, code, source, quantity, outcome, idproduct, idpicklist_product, scanned_at)
         VALUES (4, 5001, 10, '8712345000011', 'wedge', 2, 'counted', 100, 50011, 't1')`,
      ).run();
    },
    after(db) {
      expect(db.prepare('SELECT id, status, left_at, is_online, weight, alert FROM pack_sessions').get()).toEqual({
        id: 4, status: 'open', left_at: null, is_online: 0, weight: null, alert: null,
      });
      expect(db.prepare('SELECT pack_session_id, quantity, outcome, station, batch FROM scan_events').get()).toEqual({
        pack_session_id: 4, quantity: 2, outcome: 'counted', station: null, batch: null,
      });
      db.prepare("INSERT INTO scan_events (code, source, outcome, scanned_at) VALUES ('NOPE', 'wedge', 'not_found', 't2')").run();
      expect(() => db.prepare("INSERT INTO scan_events (pack_session_id, code, source, outcome, scanned_at) VALUES (99, 'x', 'wedge', 'counted', 't')").run()).toThrow(/FOREIGN KEY/);
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM scan_events WHERE pack_session_id = 4 ORDER BY id').all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toContain('scan_events_session');
    },
  },
  {
    version: 3,
    before(db) {
      const now = '2026-11-02T09:00:00.000Z';
      db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (7, 1, 2, 'Pack 3', 'open', ?, ?)").run(now, now);
      db.prepare("INSERT INTO scan_events (pack_session_id, idpicklist, code, source, outcome, scanned_at) VALUES (7, 1, '123', 'wedge', 'counted', ?)").run(now);
      db.prepare("INSERT INTO shipments (id, idshipment, idpicklist, pack_session_id, status, created_at) VALUES (3, 99, 1, 7, 'created', ?)").run(now);
      db.prepare("INSERT INTO print_jobs (kind, idpicklist, shipment_id, printer, format, status, created_at, updated_at) VALUES ('label', 1, 3, 'x', 'pdf', 'done', ?, ?)").run(now, now);
    },
    after(db) {
      const now = '2026-11-02T09:00:00.000Z';
      expect(db.prepare('SELECT id, status FROM pack_sessions').all()).toEqual([{ id: 7, status: 'open' }]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM scan_events WHERE pack_session_id = 7').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT idshipment, pack_session_id, picklistid FROM shipments').all()).toEqual([{ idshipment: 99, pack_session_id: 7, picklistid: null }]);
      expect(db.prepare('SELECT shipment_id, status, is_reprint, target FROM print_jobs').all()).toEqual([{ shipment_id: 3, status: 'done', is_reprint: 0, target: null }]);
      db.prepare("INSERT INTO print_jobs (kind, printer, format, status, created_at, updated_at) VALUES ('command_sheet', 'x', 'pdf', 'queued', ?, ?)").run(now, now);
      db.prepare("UPDATE pack_sessions SET status = 'alert', alert = 'Order paused' WHERE id = 7").run();
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const id = db.prepare("INSERT INTO print_jobs (kind, printer, format, status, created_at, updated_at) VALUES ('test', 'x', 'pdf', 'queued', ?, ?)").run(now, now).lastInsertRowid;
      expect(Number(id)).toBe(3);
    },
  },
  {
    version: 4,
    before(db) {
      db.prepare(
        "INSERT INTO orders (idorder, orderid, status, deliveryname, invoicename, queue_fingerprint, synced_at) VALUES (8, 'O2026-8', 'processing', 'Jörg Müller', 'Ærø ApS', 'f', 't')",
      ).run();
      db.prepare("INSERT INTO order_fields (idorder, idorderfield, title, value) VALUES (8, 1, 'Gift', 'yes')").run();
    },
    after(db) {
      expect(db.prepare('SELECT orderid, deliveryname, invoicename, invoiceaddress, invoicecity, deliveryaddress FROM orders').get()).toEqual({
        orderid: 'O2026-8', deliveryname: 'Jörg Müller', invoicename: 'Ærø ApS', invoiceaddress: null, invoicecity: null, deliveryaddress: null,
      });
      expect(db.prepare('SELECT COUNT(*) AS n FROM order_fields WHERE idorder = 8').get()).toEqual({ n: 1 });
      db.prepare("UPDATE orders SET invoiceaddress = 'Straße 1', invoicezipcode = '1000', invoicecity = 'Łódź', invoicecountry = 'PL' WHERE idorder = 8").run();
      expect(db.prepare('SELECT invoiceaddress, invoicecity, invoicecountry FROM orders').get()).toEqual({ invoiceaddress: 'Straße 1', invoicecity: 'Łódź', invoicecountry: 'PL' });
    },
  },
  {
    version: 5,
    before(db) {
      const now = '2026-11-02T09:00:00.000Z';
      db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (9, 1, 2, 'Pack 3', 'open', ?, ?)").run(now, now);
      db.prepare("INSERT INTO scan_events (pack_session_id, idpicklist, code, source, outcome, idproduct, scanned_at) VALUES (9, 1, '123', 'wedge', 'wrong_item', 5, ?)").run(now);
    },
    after(db) {
      expect(db.prepare("SELECT code, outcome, idproduct FROM scan_events WHERE outcome = 'wrong_item'").all()).toEqual([{ code: '123', outcome: 'wrong_item', idproduct: 5 }]);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM scan_events WHERE outcome = 'wrong_item' AND scanned_at >= '2026-08-01'").all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toContain('scan_events_outcome');
    },
  },
  {
    version: 6,
    before(db) {
      const now = '2026-11-02T09:00:00.000Z';
      db.prepare("INSERT INTO shipments (id, idshipment, idpicklist, status, created_at, cancelled_at) VALUES (1, 77, 1, 'cancelled', ?, ?)").run(now, now);
      db.prepare("INSERT INTO shipments (id, idshipment, idpicklist, status, created_at) VALUES (2, 78, 2, 'created', ?)").run(now);
    },
    after(db) {
      // A cancel from before the column has no one recorded: unknown, not made up.
      expect(db.prepare('SELECT id, status, cancelled_at, cancelled_by_iduser, cancelled_by_name, cancel_reason FROM shipments ORDER BY id').all()).toEqual([
        { id: 1, status: 'cancelled', cancelled_at: '2026-11-02T09:00:00.000Z', cancelled_by_iduser: null, cancelled_by_name: null, cancel_reason: null },
        { id: 2, status: 'created', cancelled_at: null, cancelled_by_iduser: null, cancelled_by_name: null, cancel_reason: null },
      ]);
      db.prepare("UPDATE shipments SET status = 'cancelled', cancelled_at = 't', cancelled_by_iduser = 21, cancelled_by_name = 'Sanne de Vries', cancel_reason = 'Wrong box' WHERE id = 2").run();
      expect(db.prepare('SELECT cancelled_by_iduser, cancelled_by_name, cancel_reason FROM shipments WHERE id = 2').get()).toEqual({
        cancelled_by_iduser: 21,
        cancelled_by_name: 'Sanne de Vries',
        cancel_reason: 'Wrong box',
      });
    },
  },
  {
    version: 7,
    before(db) {
      db.prepare(
        `INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at, idshippingprovider_profile, shipping_profiles_json)
         VALUES (4, 5001, 10, 'Station 1', 'open', 't0', 't1', 1365, '[{"idshippingprovider_profile":1365,"name":"PostNL","isSelected":true}]')`,
      ).run();
    },
    after(db) {
      // A session from before: no extra field values, and its profiles were the cached ones.
      expect(db.prepare('SELECT id, idshippingprovider_profile, shipping_profiles_json, shipping_extra_fields_json, shipping_methods_read_at FROM pack_sessions').get()).toEqual({
        id: 4,
        idshippingprovider_profile: 1365,
        shipping_profiles_json: '[{"idshippingprovider_profile":1365,"name":"PostNL","isSelected":true}]',
        shipping_extra_fields_json: null,
        shipping_methods_read_at: null,
      });
      db.prepare('UPDATE pack_sessions SET shipping_extra_fields_json = ?, shipping_methods_read_at = ? WHERE id = 4').run('{"pickup_point":"NL-1"}', 't2');
      expect(db.prepare('SELECT shipping_extra_fields_json, shipping_methods_read_at FROM pack_sessions WHERE id = 4').get()).toEqual({ shipping_extra_fields_json: '{"pickup_point":"NL-1"}', shipping_methods_read_at: 't2' });
    },
  },
  {
    version: 8,
    before(db) {
      const now = '2026-11-02T09:00:00.000Z';
      db.prepare("INSERT INTO outbox (id, idpicklist, kind, payload_json, status, last_error, created_at, updated_at) VALUES (1, 5, 'close', '{}', 'failed', 'Refused', ?, ?)").run(now, now);
    },
    after(db) {
      // A row set aside before the column keeps its sentence, with no answer made up for it.
      expect(db.prepare('SELECT status, last_error, last_answer_json FROM outbox').get()).toEqual({ status: 'failed', last_error: 'Refused', last_answer_json: null });
    },
  },
  {
    version: 9,
    before(db) {
      db.prepare(
        `INSERT INTO picklists (idpicklist, picklistid, idwarehouse, is_urgent, status, totalproducts, totalpicked, comment_count, queue_fingerprint, synced_at)
         VALUES (11, 'P2026-11', 1829, 0, 'new', 2, 0, 0, 'f', 't0')`,
      ).run();
    },
    after(db) {
      // A picklist cached before batches is in none until a batch says otherwise.
      expect(db.prepare('SELECT picklistid, idpicklist_batch FROM picklists').get()).toEqual({ picklistid: 'P2026-11', idpicklist_batch: null });
      db.prepare(
        `INSERT INTO picklist_batches (idpicklist_batch, picklist_batchid, idwarehouse, type, status, total_products, total_picklists, synced_at)
         VALUES (3301, '101', 1829, 'normal', 'open', 2, 1, 't1')`,
      ).run();
      db.prepare("INSERT INTO picklist_batch_picklists (idpicklist_batch, idpicklist, slot) VALUES (3301, 11, 1)").run();
      expect(() => db.prepare("INSERT INTO picklist_batch_picklists (idpicklist_batch, idpicklist, slot) VALUES (3301, 12, 1)").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO picklist_batches (idpicklist_batch, picklist_batchid, type, status, total_products, total_picklists, synced_at) VALUES (1, '1', 'waves', 'open', 0, 0, 't')").run()).toThrow(/CHECK/);
      db.prepare('DELETE FROM picklist_batches WHERE idpicklist_batch = 3301').run();
      expect(db.prepare('SELECT COUNT(*) AS n FROM picklist_batch_picklists').get()).toEqual({ n: 0 });
    },
  },
  {
    version: 10,
    before(db) {
      db.prepare(
        `INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at)
         VALUES (7, 5001, 10, 'Station 1', 'open', 't0', 't1')`,
      ).run();
    },
    after(db) {
      // A session from before batches was packed on its own.
      expect(db.prepare('SELECT id, batch_session_id FROM pack_sessions').get()).toEqual({ id: 7, batch_session_id: null });
      db.prepare("INSERT INTO batch_sessions (id, idpicklist_batch, station_name, iduser, status, started_at, updated_at) VALUES (1, 3301, 'Station 1', 10, 'open', 't2', 't2')").run();
      db.prepare('UPDATE pack_sessions SET batch_session_id = 1 WHERE id = 7').run();
      expect(() => db.prepare('UPDATE pack_sessions SET batch_session_id = 99 WHERE id = 7').run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO batch_sessions (idpicklist_batch, station_name, status, started_at, updated_at) VALUES (1, 'S', 'paused', 't', 't')").run()).toThrow(/CHECK/);
    },
  },
  {
    version: 11,
    before(db) {
      const now = '2026-12-03T09:00:00.000Z';
      db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at, idpackaging, weight) VALUES (12, 1, 2, 'Pack 3', 'labels_pending', ?, ?, 5, 900)").run(now, now);
      db.prepare("INSERT INTO shipments (id, idshipment, idpicklist, pack_session_id, status, created_at) VALUES (4, 98, 1, 12, 'created', ?)").run(now);
    },
    after(db) {
      // A parcel packed before boxes is one box, box 1, as it was; its shipment starts at box 1.
      expect(db.prepare('SELECT idpackaging, weight FROM pack_sessions WHERE id = 12').get()).toEqual({ idpackaging: 5, weight: 900 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM pack_session_boxes').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT first_box FROM shipments WHERE id = 4').get()).toEqual({ first_box: null });
      db.prepare('INSERT INTO pack_session_boxes (pack_session_id, box, idpackaging, weight) VALUES (12, 2, 5, 400)').run();
      expect(() => db.prepare('INSERT INTO pack_session_boxes (pack_session_id, box) VALUES (12, 1)').run()).toThrow(/CHECK/);
      expect(() => db.prepare('INSERT INTO pack_session_boxes (pack_session_id, box) VALUES (12, 2)').run()).toThrow(/UNIQUE|PRIMARY/);
      db.prepare('DELETE FROM shipments WHERE pack_session_id = 12').run();
      db.prepare('DELETE FROM pack_sessions WHERE id = 12').run();
      expect(db.prepare('SELECT COUNT(*) AS n FROM pack_session_boxes').get()).toEqual({ n: 0 });
    },
  },
  {
    version: 12,
    before(db) {
      db.prepare("INSERT INTO scan_events (id, code, source, outcome, scanned_at) VALUES (21, '8712345000011', 'wedge', 'counted', 't1')").run();
    },
    after(db) {
      // A unit scanned before lots were read has none.
      expect(db.prepare('SELECT lot, expiry, serial FROM scan_events WHERE id = 21').get()).toEqual({ lot: null, expiry: null, serial: null });
      db.prepare(
        "INSERT INTO scan_events (id, code, source, outcome, scanned_at, lot, expiry, serial) VALUES (22, 'x', 'wedge', 'counted', 't2', 'L1', '2026-12-31', 'S1')",
      ).run();
      expect(db.prepare('SELECT lot, expiry, serial FROM scan_events WHERE id = 22').get()).toEqual({ lot: 'L1', expiry: '2026-12-31', serial: 'S1' });
      expect(() => db.prepare("INSERT INTO scan_events (code, source, outcome, scanned_at, expiry) VALUES ('x', 'wedge', 'counted', 't', '31-12-2026')").run()).toThrow(/CHECK/);
    },
  },
  {
    version: 13,
    before(db) {
      const now = '2026-12-03T09:00:00.000Z';
      db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at, weight) VALUES (13, 1, 2, 'Pack 3', 'open', ?, ?, 1900)").run(now, now);
    },
    after(db) {
      // A session from before the weight check has no override.
      expect(db.prepare('SELECT weight, weight_override_weight, weight_override_reason FROM pack_sessions WHERE id = 13').get()).toEqual({
        weight: 1900,
        weight_override_weight: null,
        weight_override_reason: null,
      });
      db.prepare("UPDATE pack_sessions SET weight_override_weight = 1900, weight_override_reason = 'Gift wrap', weight_override_iduser = 11, weight_override_name = 'Bert', weight_override_at = 't' WHERE id = 13").run();
      expect(db.prepare('SELECT weight_override_reason, weight_override_name FROM pack_sessions WHERE id = 13').get()).toEqual({ weight_override_reason: 'Gift wrap', weight_override_name: 'Bert' });
    },
  },
  {
    version: 14,
    before(db) {
      db.prepare("INSERT INTO products (idproduct, productcode, name, type, is_active, weight, synced_at) VALUES (31, 'P31', 'Mok', 'normal', 1, 300, 't')").run();
      db.prepare("INSERT INTO packagings (idpackaging, name, barcode, length, width, height, is_active, synced_at) VALUES (3, 'Doos S', 'DOOS-S', 20, 15, 10, 1, 't')").run();
    },
    after(db) {
      // Cached before: no dimensions and not advised until the next sync fills them in.
      expect(db.prepare('SELECT weight, length, width, height FROM products WHERE idproduct = 31').get()).toEqual({ weight: 300, length: null, width: null, height: null });
      expect(db.prepare('SELECT length, use_in_auto_advice FROM packagings WHERE idpackaging = 3').get()).toEqual({ length: 20, use_in_auto_advice: 0 });
      db.prepare("INSERT INTO pack_sessions (id, idpicklist, iduser, station_name, status, started_at, updated_at) VALUES (14, 1, 2, 'Pack 3', 'open', 't', 't')").run();
      db.prepare("INSERT INTO box_advice_outcomes (pack_session_id, product_set, advised_idpackaging, chosen_idpackaging, is_learned, chosen_at) VALUES (14, '31x2', 3, 4, 0, 't')").run();
      expect(() => db.prepare("INSERT INTO box_advice_outcomes (pack_session_id, product_set, advised_idpackaging, chosen_idpackaging, is_learned, chosen_at) VALUES (14, '31x2', 3, 5, 0, 't')").run()).toThrow(/UNIQUE|PRIMARY/);
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
