import type { Migration } from './types';

/*
 * Box advice (issue 18): products' dimensions (cm, as Picqer keeps them) and the packagings
 * Picqer marks for its automatic advice, so the station can advise a box; and per parcel what was
 * advised and what the packer chose, one row per session (the last packaging scanned for box 1),
 * for Stats and for learning what packers choose for the same products.
 */

const migration: Migration = {
  version: 14,
  name: 'box-advice',
  up(db) {
    db.exec(`
ALTER TABLE products ADD COLUMN length REAL;
ALTER TABLE products ADD COLUMN width REAL;
ALTER TABLE products ADD COLUMN height REAL;
ALTER TABLE packagings ADD COLUMN use_in_auto_advice INTEGER NOT NULL DEFAULT 0;

CREATE TABLE box_advice_outcomes (
  pack_session_id INTEGER PRIMARY KEY REFERENCES pack_sessions (id) ON DELETE CASCADE,
  product_set TEXT NOT NULL,
  advised_idpackaging INTEGER NOT NULL,
  chosen_idpackaging INTEGER NOT NULL,
  is_learned INTEGER NOT NULL,
  chosen_at TEXT NOT NULL
);
CREATE INDEX box_advice_outcomes_product_set ON box_advice_outcomes (product_set, chosen_at);
`);
  },
};

export default migration;
