import type { Migration } from './types';

/*
 * Picqer's cancel does not reach the carrier: the printed label still ships a parcel until it is
 * destroyed. So a cancel made at the station keeps who made it, for the shift lead to ask. The
 * name is kept beside the id because the users table is a cache that a pull may change; the
 * reason is what that person gave, for the same question.
 */

const migration: Migration = {
  version: 6,
  name: 'shipment-cancelled-by',
  up(db) {
    db.exec(`
      ALTER TABLE shipments ADD COLUMN cancelled_by_iduser INTEGER;
      ALTER TABLE shipments ADD COLUMN cancelled_by_name TEXT;
      ALTER TABLE shipments ADD COLUMN cancel_reason TEXT;
    `);
  },
};

export default migration;
