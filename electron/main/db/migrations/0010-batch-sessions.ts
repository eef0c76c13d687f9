import type { Migration } from './types';

/*
 * A picklist batch being packed at a station (issue 17). The batch session is the station's: who
 * opened it, whether it is still open on the screen, left (to come back to) or done, and the box
 * a packaging scan chose for its parcels. Each picklist of the batch gets an ordinary pack session
 * the moment its first unit is counted, pointing at the batch session: counts, completing and the
 * outbox work as for a single picklist, and the station's "current picklist" never names one.
 * A batch remembers the next slot number it gives, so a number is never handed on.
 */

const migration: Migration = {
  version: 10,
  name: 'batch-sessions',
  up(db) {
    db.exec(`
CREATE TABLE batch_sessions (
  id INTEGER PRIMARY KEY,
  idpicklist_batch INTEGER NOT NULL,
  station_name TEXT NOT NULL,
  iduser INTEGER,
  status TEXT NOT NULL CHECK (status IN ('open', 'left', 'done')),
  idpackaging INTEGER,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX batch_sessions_station ON batch_sessions (station_name, status);
CREATE INDEX batch_sessions_batch ON batch_sessions (idpicklist_batch, station_name);

ALTER TABLE pack_sessions ADD COLUMN batch_session_id INTEGER REFERENCES batch_sessions (id);

-- The number the next picklist joining the batch gets: slots are never numbered twice, so a tote
-- still holding a dropped picklist's units never names another picklist.
ALTER TABLE picklist_batches ADD COLUMN next_slot INTEGER;
CREATE INDEX pack_sessions_batch_session ON pack_sessions (batch_session_id);
`);
  },
};

export default migration;
