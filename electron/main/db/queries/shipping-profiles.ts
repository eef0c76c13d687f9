import type { Database } from 'better-sqlite3';
import type { PicqerShippingProvider } from '../../../../shared/picqer-types';
import { bool, removeMissing, statement } from '../statements';

/*
 * The cached shipping_providers and their shipping_profiles. They are one module because Picqer
 * sends the profiles inside their provider and a profile is only offered while its provider is
 * active: the two tables are written and read together. Picqer lists them whole (not
 * paginated), so the replace also removes what it no longer lists, in one transaction.
 */

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

/** Active cached shipping profiles with their provider's name, by provider and name: what a cut-off is set for. */
export function shippingProfilesWithCarrier(db: Database): Array<{ idshippingproviderProfile: number; carrier: string; name: string }> {
  const rows = statement(
    db,
    `SELECT sp.idshippingprovider_profile, sp.name, pr.name AS carrier
     FROM shipping_profiles sp JOIN shipping_providers pr ON pr.idshippingprovider = sp.idshippingprovider
     WHERE sp.is_active = 1 AND pr.is_active = 1 ORDER BY pr.name, sp.name, sp.idshippingprovider_profile`,
  ).all() as Array<{ idshippingprovider_profile: number; name: string; carrier: string }>;
  return rows.map((r) => ({ idshippingproviderProfile: r.idshippingprovider_profile, carrier: r.carrier, name: r.name }));
}
