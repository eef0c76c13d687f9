import type { Migration } from './types';

/*
 * Lots, best-before dates and serials (issue 18): what a unit's GS1 element string said of it,
 * kept on the scan event that counted it (or refused it as short-dated). Null for a unit scanned
 * by a plain barcode. expiry is an ISO date, so it sorts and compares as text.
 */

const migration: Migration = {
  version: 12,
  name: 'scan-event-lots',
  up(db) {
    db.exec(`
ALTER TABLE scan_events ADD COLUMN lot TEXT;
ALTER TABLE scan_events ADD COLUMN expiry TEXT CHECK (expiry IS NULL OR expiry GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE scan_events ADD COLUMN serial TEXT;
`);
  },
};

export default migration;
