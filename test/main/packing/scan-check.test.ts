import { said } from '../../helpers/answer-words';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanAnswerOf, type PackSession, type ScanAnswer } from '../../../shared/packing';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { setLogSink, type LogLevel } from '../../../electron/main/infra/log';
import { refusedOutcome, submitCheckedScan, type ScanInput, type ScanTarget } from '../../../electron/main/packing/scan-router';
import { tempDir } from '../db/temp-db';

/*
 * The scan gate on its own: what passes reaches the pack loop trimmed, what is refused never
 * does, is answered with the current session unchanged, and is recorded and logged safely.
 */

const answer = (code: string): ScanAnswer => scanAnswerOf({ kind: 'product', outcome: 'counted', code, revision: 7 });

describe('submitCheckedScan', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let submitted: ScanInput[];
  let logs: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }>;
  const session = { id: 4, idpicklist: 5001, verifiedUnits: 2 } as Pick<PackSession, 'id' | 'idpicklist' | 'verifiedUnits'>;
  let target: ScanTarget;
  const clock = createManualClock(Date.UTC(2026, 10, 3, 9, 0, 0));

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.file());
    submitted = [];
    logs = [];
    setLogSink((line) => logs.push(line), 'warn');
    target = {
      submitScan: async (input) => {
        submitted.push(input);
        return answer(input.code);
      },
      current: () => session as PackSession,
      revision: () => 7,
    };
  });

  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const deps = () => ({ db, clock, stationName: () => 'Pack 3', packer: () => ({ iduser: 24, name: 'Anna' }) });

  it('hands a good scan on, without the scanner suffix', async () => {
    const result = await submitCheckedScan(target, { code: '8712345000014\r\n', source: 'serial', multiplier: 2 }, deps());
    expect(result.outcome).toBe('counted');
    expect(submitted).toEqual([{ code: '8712345000014', source: 'serial', multiplier: 2 }]);
  });

  it('answers a bad scan with the session as it was, without touching the pack loop', async () => {
    const result = await submitCheckedScan(target, { code: 'AB\uFFFD', source: 'wedge' }, { ...deps(), db: null });
    expect(submitted).toEqual([]);
    expect(result).toMatchObject({ kind: 'not_found', outcome: null, amount: 1, code: 'AB\uFFFD', revision: 7 });
  });

  it('records a refused scan as a scan event and logs only its safe rendering', async () => {
    // Outside a pack session here: the station test records one inside a session.
    const result = await submitCheckedScan({ ...target, current: () => null }, { code: '\x02871234\x03', source: 'hid', multiplier: 3 }, deps());
    expect(submitted).toEqual([]);
    expect(result).toMatchObject({ kind: 'not_found', outcome: null, amount: 3, code: '\u2402871234\u2403', revision: 7 });
    const rows = db.prepare('SELECT * FROM scan_events').all() as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      expect.objectContaining({
        pack_session_id: null,
        idpicklist: null,
        iduser: 24,
        station: 'Pack 3',
        code: '\u2402871234\u2403',
        source: 'hid',
        quantity: 3,
        outcome: refusedOutcome,
        reason: expect.stringMatching(/^control_characters: Not a barcode/),
        scanned_at: '2026-11-03T09:00:00.000Z',
      }),
    ]);
    expect(logs).toEqual([
      expect.objectContaining({ level: 'warn', message: 'refused a scan', fields: { refusal: 'control_characters', code: '\u2402871234\u2403', source: 'hid', length: 8 } }),
    ]);
  });

  it('still answers before a backend is connected, when there is nowhere to record', async () => {
    const result = await submitCheckedScan({ ...target, current: () => null }, { code: '', source: 'wedge' }, { ...deps(), db: null });
    expect(said(result)).toMatchObject({ kind: 'not_found', said: 'Empty scan: the scanner sent nothing readable. Scan again.' });
  });
});
