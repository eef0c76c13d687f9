import type { Migration } from './types';

/*
 * The weight check (issue 18): a parcel whose weight is outside the tolerance does not complete
 * unless a shift lead overrides it with a reason. The override is the session's, for the weight it
 * was given at (a weight given after it is checked again), and says who allowed it and when.
 */

const migration: Migration = {
  version: 13,
  name: 'weight-override',
  up(db) {
    db.exec(`
ALTER TABLE pack_sessions ADD COLUMN weight_override_weight INTEGER;
ALTER TABLE pack_sessions ADD COLUMN weight_override_reason TEXT;
ALTER TABLE pack_sessions ADD COLUMN weight_override_iduser INTEGER;
ALTER TABLE pack_sessions ADD COLUMN weight_override_name TEXT;
ALTER TABLE pack_sessions ADD COLUMN weight_override_at TEXT;
`);
  },
};

export default migration;
