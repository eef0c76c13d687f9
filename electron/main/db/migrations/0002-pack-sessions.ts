import type { Migration } from './types';

/*
 * The pack loop's own records. pack_sessions gains what a restarted station needs to show the
 * session again without Picqer: whether it was left (on screen or not), the shipping choice, the
 * profiles and comments read at open, who else had the picklist, whether it was opened online,
 * and the alert sentence. scan_events gains the station and a batch (one multiplied scan may
 * count on two lines; undo takes the whole scan back), and may now hold scans that belong to no
 * session (a refused picklist, a code that names nothing).
 *
 * Columns are added in place. scan_events must be rebuilt for its NOT NULLs; nothing refers to
 * it, so copying it and dropping the old one leaves no dangling reference. pack_sessions is not
 * rebuilt (its children would point at the dropped table): the statuses the outbox adds come with
 * 0003, which widens the CHECK for the whole table family.
 */
const sessionColumns: Array<[string, string]> = [
  ['left_at', 'TEXT'],
  ['is_online', 'INTEGER NOT NULL DEFAULT 0'],
  ['assigned_elsewhere_iduser', 'INTEGER'],
  ['assigned_elsewhere_name', 'TEXT'],
  ['idshippingprovider_profile', 'INTEGER'],
  ['idpackaging', 'INTEGER'],
  ['weight', 'INTEGER'],
  ['shipping_profiles_json', 'TEXT'],
  ['comments_json', 'TEXT'],
  ['alert', 'TEXT'],
];

const scanEvents = `
CREATE TABLE scan_events_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pack_session_id INTEGER REFERENCES pack_sessions (id),
  idpicklist INTEGER,
  iduser INTEGER,
  station TEXT,
  code TEXT NOT NULL,
  source TEXT NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 1,
  outcome TEXT NOT NULL,
  idproduct INTEGER,
  idpicklist_product INTEGER,
  reason TEXT,
  batch INTEGER,
  scanned_at TEXT NOT NULL,
  undone_at TEXT
);
INSERT INTO scan_events_new (id, pack_session_id, idpicklist, iduser, code, source, quantity, outcome, idproduct,
    idpicklist_product, reason, scanned_at, undone_at)
  SELECT id, pack_session_id, idpicklist, iduser, code, source, quantity, outcome, idproduct, idpicklist_product, reason,
    scanned_at, undone_at FROM scan_events;
DROP TABLE scan_events;
ALTER TABLE scan_events_new RENAME TO scan_events;
CREATE INDEX scan_events_session ON scan_events (pack_session_id, id);
CREATE INDEX scan_events_scanned_at ON scan_events (scanned_at);
CREATE INDEX pack_sessions_station ON pack_sessions (station_name, status);
`;

const migration: Migration = {
  version: 2,
  name: 'pack-sessions',
  up(db) {
    const present = new Set((db.prepare('PRAGMA table_info(pack_sessions)').all() as Array<{ name: string }>).map((c) => c.name));
    for (const [column, definition] of sessionColumns) {
      if (!present.has(column)) db.exec(`ALTER TABLE pack_sessions ADD COLUMN ${column} ${definition}`);
    }
    db.exec(scanEvents);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`Migration 0002 left ${broken.length} dangling references`);
  },
};

export default migration;
