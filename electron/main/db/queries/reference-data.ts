import type { Database } from 'better-sqlite3';
import type { User, Warehouse } from '../../../../shared/domain';
import type {
  PicqerShippingProvider,
  PicqerTemplate,
  PicqerUser,
  PicqerWarehouse,
} from '../../../../shared/picqer-types';
import { bool, statement } from '../statements';

/*
 * The reference tables: warehouses, users, shipping_providers with shipping_profiles, and
 * templates. Picqer lists them whole (they are not paginated), so each upsert also removes the
 * rows Picqer no longer lists (packagings.ts and tags.ts do the same for theirs). Each runs in one
 * transaction.
 */

export function removeMissing(db: Database, table: string, idColumn: string, ids: number[]): void {
  statement(db, `DELETE FROM ${table} WHERE ${idColumn} NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
}

export function replaceWarehouses(db: Database, items: PicqerWarehouse[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO warehouses (idwarehouse, name, is_active, raw_json, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (idwarehouse) DO UPDATE SET name = excluded.name, is_active = excluded.is_active,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const w of items) upsert.run(w.idwarehouse, w.name, bool(w.active), JSON.stringify(w), syncedAt);
    removeMissing(db, 'warehouses', 'idwarehouse', items.map((w) => w.idwarehouse));
  })();
}

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

export function replaceShippingProviders(db: Database, items: PicqerShippingProvider[], syncedAt: string): void {
  const upsertProvider = statement(
    db,
    `INSERT INTO shipping_providers (idshippingprovider, name, provider, is_active, raw_json, synced_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (idshippingprovider) DO UPDATE SET name = excluded.name, provider = excluded.provider,
       is_active = excluded.is_active, raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  const upsertProfile = statement(
    db,
    `INSERT INTO shipping_profiles (idshippingprovider_profile, idshippingprovider, name, is_standard, is_active, raw_json)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (idshippingprovider_profile) DO UPDATE SET idshippingprovider = excluded.idshippingprovider,
       name = excluded.name, is_standard = excluded.is_standard, is_active = excluded.is_active, raw_json = excluded.raw_json`,
  );
  db.transaction(() => {
    for (const p of items) {
      upsertProvider.run(p.idshippingprovider, p.name, p.provider, bool(p.active), JSON.stringify({ ...p, profiles: undefined }), syncedAt);
      for (const profile of p.profiles) {
        upsertProfile.run(
          profile.idshippingprovider_profile,
          p.idshippingprovider,
          profile.name,
          bool(profile.standard),
          bool(profile.active),
          JSON.stringify(profile),
        );
      }
    }
    removeMissing(db, 'shipping_providers', 'idshippingprovider', items.map((p) => p.idshippingprovider));
    removeMissing(
      db,
      'shipping_profiles',
      'idshippingprovider_profile',
      items.flatMap((p) => p.profiles.map((profile) => profile.idshippingprovider_profile)),
    );
  })();
}

export function replaceTemplates(db: Database, items: PicqerTemplate[], syncedAt: string): void {
  const upsert = statement(
    db,
    `INSERT INTO templates (idtemplate, name, is_default, raw_json, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (idtemplate) DO UPDATE SET name = excluded.name, is_default = excluded.is_default,
       raw_json = excluded.raw_json, synced_at = excluded.synced_at`,
  );
  db.transaction(() => {
    for (const t of items) upsert.run(t.idtemplate, t.name, bool(t.default), JSON.stringify(t), syncedAt);
    removeMissing(db, 'templates', 'idtemplate', items.map((t) => t.idtemplate));
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

interface WarehouseRow {
  idwarehouse: number;
  name: string;
  is_active: number;
}

const toWarehouse = (row: WarehouseRow): Warehouse => ({ idwarehouse: row.idwarehouse, name: row.name, isActive: row.is_active === 1 });

export function getWarehouses(db: Database): Warehouse[] {
  const rows = statement(db, 'SELECT idwarehouse, name, is_active FROM warehouses ORDER BY name COLLATE NOCASE').all() as WarehouseRow[];
  return rows.map(toWarehouse);
}

export function getWarehouse(db: Database, idwarehouse: number): Warehouse | null {
  const row = statement(db, 'SELECT idwarehouse, name, is_active FROM warehouses WHERE idwarehouse = ?').get(idwarehouse) as
    | WarehouseRow
    | undefined;
  return row ? toWarehouse(row) : null;
}

/** Active cached shipping profiles, the standard ones first: the offline stand-in for shippingmethods. */
export function cachedShippingProfiles(db: Database): Array<{ idshippingproviderProfile: number; name: string; isStandard: boolean }> {
  const rows = statement(
    db,
    `SELECT sp.idshippingprovider_profile, sp.name, sp.is_standard, pr.name AS provider
     FROM shipping_profiles sp JOIN shipping_providers pr ON pr.idshippingprovider = sp.idshippingprovider
     WHERE sp.is_active = 1 AND pr.is_active = 1 ORDER BY sp.is_standard DESC, pr.name, sp.name`,
  ).all() as Array<{ idshippingprovider_profile: number; name: string; is_standard: number; provider: string }>;
  return rows.map((r) => ({ idshippingproviderProfile: r.idshippingprovider_profile, name: r.name, isStandard: r.is_standard === 1 }));
}
