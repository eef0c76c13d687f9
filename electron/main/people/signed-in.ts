import type { Database } from 'better-sqlite3';
import type { Person } from '../../../shared/domain';
import { deleteSyncState, readSyncState, writeSyncState } from '../db/queries/sync-state';

/*
 * Who is signed in at this station, kept in the cache so a restart (an update, a crash, the
 * browser-mode process restarted) does not sign the packer out mid-shift. The last activity is
 * kept with it: a station that was down past the idle limit starts signed out, as it would have
 * been had it kept running.
 */

const key = 'station.signed_in';
/** Activity is written at most this often: every scan writing a row would be waste, and the idle limit is minutes. */
const activityWriteMs = 30_000;

interface Remembered {
  iduser: number;
  name: string;
  lastActivityAt: number;
}

export interface SignedInMemory {
  remember(person: Person): void;
  forget(): void;
  /** Something the packer did; written now and then, not on every call. */
  touch(): void;
  /** The packer to sign back in at start, and when they last did something; null when nobody or too long ago. */
  recall(idleMinutes: number | null): { person: Person; lastActivityAt: number } | null;
}

export function createSignedInMemory(deps: { db(): Database | null; now(): number }): SignedInMemory {
  let current: Remembered | null = null;
  let writtenAt = 0;
  const write = () => {
    const db = deps.db();
    if (!db || !current) return;
    writtenAt = deps.now();
    writeSyncState(db, key, current, new Date(writtenAt).toISOString());
  };
  return {
    remember(person) {
      // No cache to keep it in (practice mode): the live station's packer stays the one remembered.
      if (!deps.db()) return;
      current = { iduser: person.iduser, name: person.name, lastActivityAt: deps.now() };
      write();
    },
    forget() {
      current = null;
      const db = deps.db();
      if (db) deleteSyncState(db, key);
    },
    touch() {
      if (!current) return;
      current.lastActivityAt = deps.now();
      if (current.lastActivityAt - writtenAt >= activityWriteMs) write();
    },
    recall(idleMinutes) {
      const db = deps.db();
      const saved = db ? readSyncState<Remembered>(db, key) : null;
      if (!saved || typeof saved.iduser !== 'number' || typeof saved.lastActivityAt !== 'number') return null;
      const idleMs = (idleMinutes ?? 0) * 60_000;
      if (idleMs > 0 && deps.now() - saved.lastActivityAt >= idleMs) return null;
      current = { ...saved };
      writtenAt = deps.now();
      return { person: { iduser: saved.iduser, name: saved.name }, lastActivityAt: saved.lastActivityAt };
    },
  };
}
