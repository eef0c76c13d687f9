import type { Database } from 'better-sqlite3';
import type { User } from '../../../../shared/domain';
import type { PicqerUser } from '../../../../shared/picqer-types';
import { bool, removeMissing, statement } from '../statements';

/*
 * The cached Picqer users (the packers), and how a person is named on screen. Picqer lists them
 * whole (not paginated), so the replace also removes the ones it no longer lists, in one
 * transaction.
 */

export function replaceUsers(db: Database, items: PicqerUser[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO users (iduser, username, firstname, lastname, emailaddress, language, is_admin, is_active,
       idpacking_station, raw_json, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (iduser) DO UPDATE SET username = excluded.username, firstname = excluded.firstname,
       lastname = excluded.lastname, emailaddress = excluded.emailaddress, language = excluded.language,
       is_admin = excluded.is_admin, is_active = excluded.is_active, idpacking_station = excluded.idpacking_station,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const u of items) {
      upsert.run(
        u.iduser,
        u.username,
        u.firstname,
        u.lastname,
        u.emailaddress,
        u.language,
        bool(u.admin),
        bool(u.active),
        u.idpacking_station,
        JSON.stringify(u),
        syncedAt,
      );
    }
    removeMissing(db, 'users', 'iduser', items.map((u) => u.iduser));
  })();
}

interface UserRow {
  iduser: number;
  username: string;
  firstname: string | null;
  lastname: string | null;
  language: string | null;
  is_active: number;
}

/** "Firstname Lastname", else the username: how packers know each other. */
export function displayName(row: { firstname: string | null; lastname: string | null; username: string | null }): string {
  const full = [row.firstname, row.lastname]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .join(' ');
  return full.length > 0 ? full : (row.username ?? '');
}

function toUser(row: UserRow): User {
  return { iduser: row.iduser, name: displayName(row), username: row.username, language: row.language, isActive: row.is_active === 1 };
}

export function getUsers(db: Database, options: { activeOnly?: boolean } = {}): User[] {
  const rows = statement(
    db,
    `SELECT iduser, username, firstname, lastname, language, is_active FROM users
     WHERE (? = 0 OR is_active = 1) ORDER BY firstname COLLATE NOCASE, lastname COLLATE NOCASE, username COLLATE NOCASE`,
  ).all(bool(options.activeOnly ?? false)) as UserRow[];
  return rows.map(toUser);
}

export function getUser(db: Database, iduser: number): User | null {
  const row = statement(db, 'SELECT iduser, username, firstname, lastname, language, is_active FROM users WHERE iduser = ?').get(iduser) as
    | UserRow
    | undefined;
  return row ? toUser(row) : null;
}
