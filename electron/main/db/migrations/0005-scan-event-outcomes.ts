import type { Migration } from './types';

/*
 * Look-alike warnings read the wrong-item scans of the last months on every picklist opened, and
 * Stats reads scans by outcome: both would otherwise walk every scan event of the period. The
 * index finds one outcome's events in a time range directly.
 */

const migration: Migration = {
  version: 5,
  name: 'scan-event-outcomes',
  up(db) {
    db.exec('CREATE INDEX IF NOT EXISTS scan_events_outcome ON scan_events (outcome, scanned_at)');
  },
};

export default migration;
