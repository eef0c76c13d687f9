import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import type { AppError } from '../../../shared/errors';
import type { BadgeCheck } from '../../../electron/main/people/badge-signature';
import { createScanRouter, refusedOutcome, type ScanRouter } from '../../../electron/main/packing/scan-router';
import type { PackService } from '../../../electron/main/packing/service';
import { anna, bert, codes, createHarness, scanRows, type Harness } from './harness';

/*
 * The route seen from outside: the check comes before everything (even before a warehouse is
 * chosen), a badge before packing, then commands, picklists and products, each recorded once.
 * The pack acts themselves are covered in service.test.ts, which scans through this router too.
 */

let h: Harness;
afterEach(() => h.cleanup());

function routerWith(options: { pack?: () => PackService | null; badge?: (code: string) => BadgeCheck | null; signedIn?: Person[] } = {}): ScanRouter {
  return createScanRouter({
    db: () => h.db,
    pack: options.pack ?? (() => h.service),
    clock: h.clock,
    stationName: () => h.state.station,
    packer: () => h.state.packer,
    badges: {
      verify: options.badge ?? (() => null),
      signIn: (iduser) => {
        const person = iduser === bert.iduser ? bert : anna;
        options.signedIn?.push(person);
        return Promise.resolve(person);
      },
    },
  });
}

const codeOf = async (run: () => Promise<unknown>): Promise<string | null> =>
  run().then(
    () => null,
    (error: AppError) => error.code,
  );

describe('the scan router', () => {
  it('refuses a garbled scan in words even before a warehouse is chosen; a good one then needs the warehouse', async () => {
    h = createHarness();
    const router = routerWith({ pack: () => null });
    expect(await router.submit({ code: '\x02871234\x03', source: 'hid' })).toMatchObject({ kind: 'not_found', outcome: null, revision: 0 });
    expect(scanRows(h.db).map((r) => r.outcome)).toEqual([refusedOutcome]);
    expect(await codeOf(() => router.submit({ code: codes.blueMug, source: 'wedge' }))).toBe('NOT_CONFIGURED');
  });

  it('signs a packer in by badge without touching the pack loop, and answers a refused badge without signing anyone in', async () => {
    h = createHarness();
    const signedIn: Person[] = [];
    const router = routerWith({
      pack: () => null,
      signedIn,
      badge: (code) => (code === 'BADGE-11' ? { ok: true, iduser: bert.iduser } : code === 'BADGE-FORGED' ? { ok: false, refusal: 'forged', iduser: 12 } : null),
    });
    expect(await router.submit({ code: 'BADGE-11', source: 'wedge' })).toMatchObject({ kind: 'signed_in', name: bert.name });
    expect(await router.submit({ code: 'BADGE-FORGED', source: 'wedge' })).toMatchObject({ kind: 'badge_refused' });
    expect(signedIn).toEqual([bert]);
    expect(scanRows(h.db)).toEqual([]);
  });

  it('opens a picklist by scan, counts a product on it, and acts on a command barcode', async () => {
    h = createHarness();
    const router = routerWith();
    expect((await router.submit({ code: '5001', source: 'wedge' })).kind).toBe('opened');
    await h.service.settled();
    expect(await router.submit({ code: codes.blueMug, source: 'wedge' })).toMatchObject({ kind: 'product', outcome: 'counted' });
    expect(await router.submit({ code: 'PD:CANCEL', source: 'wedge' })).toMatchObject({ kind: 'command', command: 'CANCEL' });
    expect(h.service.current()).toBeNull();
    expect(scanRows(h.db).map((r) => r.outcome)).toEqual(['opened', 'counted', 'command']);
  });

  it('says a product scanned with no picklist open has no picklist, and records it once', async () => {
    h = createHarness();
    const router = routerWith();
    expect(await router.submit({ code: codes.blueMug, source: 'wedge' })).toMatchObject({ kind: 'not_found', product: { name: 'Blue mug' } });
    expect(scanRows(h.db).map((r) => ({ outcome: r.outcome, station: r.station, iduser: r.iduser, pack_session_id: r.pack_session_id }))).toEqual([
      { outcome: 'not_found', station: 'Station 1', iduser: anna.iduser, pack_session_id: null },
    ]);
  });
});
