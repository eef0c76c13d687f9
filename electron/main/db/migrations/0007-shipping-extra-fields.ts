import type { Migration } from './types';

/*
 * A shipping method may need extra fields (a pickup point, a delivery option) before Picqer makes
 * its shipment. The packer's values stay with the session, so a restart or a resumed parcel
 * completes with them. `shipping_methods_read_at` says the profiles on the session are the ones
 * Picqer allows for the picklist (read when the packer opened the choice) rather than every
 * cached profile; reading them again would only spend the request budget.
 */

const migration: Migration = {
  version: 7,
  name: 'shipping-extra-fields',
  up(db) {
    db.exec(`
      ALTER TABLE pack_sessions ADD COLUMN shipping_extra_fields_json TEXT;
      ALTER TABLE pack_sessions ADD COLUMN shipping_methods_read_at TEXT;
    `);
  },
};

export default migration;
