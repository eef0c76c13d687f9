import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import { insertPackSession } from '../../../electron/main/db/queries/pack-sessions';
import { addPackSessionBox, packSessionBoxes, removeLastPackSessionBox, setPackSessionBox } from '../../../electron/main/db/queries/pack-session-boxes';

const now = '2026-12-03T09:00:00.000Z';
let db: Database;
let session: number;

beforeEach(() => {
  db = openDatabase(':memory:');
  session = insertPackSession(db, {
    idpicklist: 5001,
    iduser: 10,
    stationName: 'Pack 1',
    isOnline: true,
    assignedElsewhere: null,
    idshippingproviderProfile: null,
    profiles: [],
    comments: [],
    now,
  });
});
afterEach(() => db.close());

describe('the boxes of a parcel', () => {
  it('a session is one box until a box is added; boxes are numbered after the last one', () => {
    expect(packSessionBoxes(db, session)).toEqual([]);
    expect(addPackSessionBox(db, session)).toBe(2);
    expect(addPackSessionBox(db, session)).toBe(3);
    expect(packSessionBoxes(db, session)).toEqual([
      { box: 2, idpackaging: null, weight: null },
      { box: 3, idpackaging: null, weight: null },
    ]);
  });

  it('keeps each box its own packaging and weight, read back after the connection closes', () => {
    addPackSessionBox(db, session);
    addPackSessionBox(db, session);
    setPackSessionBox(db, session, 3, { idpackaging: 7, weight: 1200 });
    setPackSessionBox(db, session, 2, { idpackaging: 5, weight: null });
    expect(packSessionBoxes(db, session)).toEqual([
      { box: 2, idpackaging: 5, weight: null },
      { box: 3, idpackaging: 7, weight: 1200 },
    ]);
  });

  it('takes back only the last box, and only while nothing is set on it', () => {
    addPackSessionBox(db, session);
    addPackSessionBox(db, session);
    setPackSessionBox(db, session, 3, { idpackaging: 7, weight: null });
    expect(removeLastPackSessionBox(db, session)).toBe(false);
    setPackSessionBox(db, session, 3, { idpackaging: null, weight: null });
    expect(removeLastPackSessionBox(db, session)).toBe(true);
    expect(packSessionBoxes(db, session).map((b) => b.box)).toEqual([2]);
    expect(removeLastPackSessionBox(db, session)).toBe(true);
    expect(removeLastPackSessionBox(db, session)).toBe(false);
    // The next box after a taken-back one gets its number again: no gaps.
    expect(addPackSessionBox(db, session)).toBe(2);
  });
});
