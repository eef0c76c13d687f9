import type { Migration } from './types';

/*
 * A parcel of several boxes (multi-colli, issue 17). Box 1 stays where it always was, in
 * pack_sessions.idpackaging and .weight, so a session of one box reads as before; the boxes after
 * it are rows here, numbered 2..n without gaps (only the last box can be taken back). The newest
 * box is the one a packaging scan or a weight applies to.
 *
 * A parcel's boxes go to Picqer as one shipment with parcels[] or, where the carrier refuses
 * parcels, as one shipment per box. `shipments.first_box` says which box a shipment's first
 * parcel is (null: box 1) and `parcel_count` how many parcels Picqer made in it (null: one), so
 * after a restart the station knows which boxes are shipped and which are still to make;
 * `parcel_tracking_json` keeps each parcel's tracking code for History.
 */

const migration: Migration = {
  version: 11,
  name: 'pack-session-boxes',
  up(db) {
    db.exec(`
CREATE TABLE pack_session_boxes (
  pack_session_id INTEGER NOT NULL REFERENCES pack_sessions (id) ON DELETE CASCADE,
  box INTEGER NOT NULL CHECK (box >= 2),
  idpackaging INTEGER,
  weight INTEGER CHECK (weight IS NULL OR weight >= 0),
  PRIMARY KEY (pack_session_id, box)
);
ALTER TABLE shipments ADD COLUMN first_box INTEGER CHECK (first_box IS NULL OR first_box >= 1);
ALTER TABLE shipments ADD COLUMN parcel_count INTEGER CHECK (parcel_count IS NULL OR parcel_count >= 1);
ALTER TABLE shipments ADD COLUMN parcel_tracking_json TEXT;
CREATE INDEX shipments_pack_session ON shipments (pack_session_id);
`);
  },
};

export default migration;
