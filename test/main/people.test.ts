import { currentSession } from '../helpers/answer-words';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../shared/domain';
import { badgeCode, parseBadgeBarcode, type PackSession, type Parcel, type ScanAnswer } from '../../shared/packing';
import { createManualClock } from '../../electron/main/infra/clock';
import { createIdleSignOut } from '../../electron/main/people/idle';
import { isPackerActivity } from '../../electron/main/people/activity';
import { normaliseScanInput } from '../../electron/main/packing/scan-input';
import { startStation, type StartedStation } from '../../electron/main/station/station';
import { decodeBarcodes, missingTools, pdfText } from './documents/pdf-tools';
import { useCleanups, value } from './station-helpers';

const cleanups = useCleanups();

async function demoStation(station: Record<string, unknown> = {}, clock = createManualClock()): Promise<StartedStation> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-people-'));
  const config = join(dir, 'station.json');
  writeFileSync(config, JSON.stringify({ backend: { demo: true }, warehouse: 1829, station: { name: 'Pack 2', language: 'en', ...station } }));
  const started = await startStation({ argv: ['--config', config, '--data-dir', join(dir, 'data')], env: {}, mode: 'web', clock });
  cleanups.push(() => started.stop());
  await started.dispatch('sync.now', {});
  return started;
}

const scan = async (station: StartedStation, code: string, multiplier?: number) =>
  value<ScanAnswer>(await station.dispatch('scan.submit', { code, source: 'wedge', ...(multiplier && multiplier > 1 ? { multiplier } : {}) }));

/** Opens the first queued picklist whose lines all scan (no compositions, no barcode-less lines). */
async function openPackable(station: StartedStation): Promise<PackSession> {
  for (const item of value<Array<{ picklistid: string }>>(await station.dispatch('queue.list', {}))) {
    const opened = await scan(station, item.picklistid);
    const session = await currentSession(station);
    if (opened.kind === 'opened' && session && session.lines.every((l) => l.hasBarcode && !l.isComposition && l.parentId === null)) return session;
    if (opened.kind === 'opened') value(await station.dispatch('pack.leave', {}));
  }
  throw new Error('no packable picklist in the demo queue');
}

describe('badges', () => {
  it('reads badge codes in either case, signed or not, and nothing else as a badge', () => {
    expect(parseBadgeBarcode(badgeCode(21, 'ABCDEF2345'))).toEqual({ iduser: 21, mac: 'ABCDEF2345' });
    expect(parseBadgeBarcode(' pd:badge:24.abcdef2345 ')).toEqual({ iduser: 24, mac: 'ABCDEF2345' });
    // The AIM identifier in front comes off where the scan enters main, before a badge is read.
    expect(parseBadgeBarcode(normaliseScanInput({ code: ']C0PD:BADGE:23', source: 'wedge' }).code)).toEqual({ iduser: 23, mac: null });
    for (const bad of ['PD:BADGE:', 'PD:BADGE:0', 'PD:BADGE:12a', 'PD:BADGE:-3', 'PD:BADGE:12.']) expect(parseBadgeBarcode(bad), bad).toEqual({ iduser: null, mac: null });
    for (const other of ['PD:COMPLETE', '8712345678906']) expect(parseBadgeBarcode(other), other).toBeNull();
  });

  it('signs a packer in by scanning their badge, in their own language, and refuses an inactive one', async () => {
    const station = await demoStation();
    expect(station.state().packer).toBeNull();
    const answer = await scan(station, station.signBadge(22));
    expect(answer).toMatchObject({ kind: 'signed_in', name: 'Sanne Müller' });
    expect(station.state()).toMatchObject({ packer: { iduser: 22, name: 'Sanne Müller' }, language: 'nl' });

    await scan(station, station.signBadge(23).toLowerCase());
    expect(station.state()).toMatchObject({ packer: { iduser: 23 }, language: 'en' });
    // Bram Bakker (25) left: his old badge must not work.
    const refused = await station.dispatch('scan.submit', { code: station.signBadge(25), source: 'wedge' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(station.state().packer?.iduser).toBe(23);
    value(await station.dispatch('packer.signOut', {}));
    expect(station.state()).toMatchObject({ packer: null, language: 'en' });
  });

  it('refuses a badge typed from a user id, or with a made-up signature, and signs nobody in', async () => {
    const station = await demoStation();
    const signed = station.signBadge(22);
    const forged = `${signed.slice(0, -1)}${signed.endsWith('A') ? 'B' : 'A'}`;
    for (const code of ['PD:BADGE:22', forged, 'PD:BADGE:22x']) {
      expect(await scan(station, code), code).toMatchObject({ kind: 'badge_refused', reason: { code: 'badge.invalid' } });
    }
    expect(station.state().packer).toBeNull();
  });

  it.skipIf(missingTools.length > 0)('prints a badge sheet whose barcodes sign the right people in', async () => {
    const station = await demoStation();
    const sheet = value<{ filename: string; pdfBase64: string }>(await station.dispatch('packer.badges', {}));
    const pdf = Buffer.from(sheet.pdfBase64, 'base64');
    const text = pdfText(pdf);
    for (const name of ['Jan de Vries', 'Sanne Müller', 'Zofia Łukasiewicz', 'Mette Ørsted']) expect(text).toContain(name);
    expect(text).not.toContain('Bram Bakker');
    const printed = decodeBarcodes(pdf, { dpi: 200 });
    expect(printed).toEqual(expect.arrayContaining([station.signBadge(21), station.signBadge(22)]));
    const sanne = printed.find((code) => code === station.signBadge(22)) ?? '';
    expect(await scan(station, sanne)).toMatchObject({ kind: 'signed_in', name: 'Sanne Müller' });
    const one = value<{ filename: string }>(await station.dispatch('packer.badges', { iduser: 24 }));
    expect(one.filename).toBe('packdesk-badge-24.pdf');
  });
});

describe('idle sign-out', () => {
  it('counts only what a person does as activity', () => {
    for (const name of ['scan.submit', 'pack.complete', 'packer.signIn', 'history.reprint', 'products.printLabel']) expect(isPackerActivity(name), name).toBe(true);
    for (const name of ['app.state', 'queue.list', 'sync.status', 'outbox.status', 'pack.current', 'printers.list', 42]) expect(isPackerActivity(name)).toBe(false);
  });

  it('signs out after the quiet spell, not before, and never when switched off', () => {
    const clock = createManualClock();
    let minutes: number | null = 10;
    let signedIn = true;
    const idle = createIdleSignOut({ clock, idleMinutes: () => minutes, isSignedIn: () => signedIn, signOut: () => (signedIn = false) });
    idle.start();
    clock.advance(9 * 60_000);
    idle.touch();
    clock.advance(9 * 60_000);
    expect(signedIn).toBe(true);
    clock.advance(59_000);
    expect(signedIn).toBe(true);
    clock.advance(1_000);
    expect(signedIn).toBe(false);
    signedIn = true;
    minutes = 0;
    clock.advance(60 * 60_000);
    expect(signedIn).toBe(true);
    idle.stop();
  });

  it('signs the packer out of a station left alone; the next packer continues the picklist and it ships under their name', async () => {
    const clock = createManualClock();
    const station = await demoStation({ idleSignOutMinutes: 5 }, clock);
    await scan(station, station.signBadge(22));
    const session = await openPackable(station);
    const states: AppState[] = [];
    station.events.subscribe((name, payload) => {
      if (name === 'app.state') states.push(payload as AppState);
    });
    clock.advance(4 * 60_000);
    expect(station.state().packer?.iduser).toBe(22);
    clock.advance(2 * 60_000);
    expect(station.state().packer).toBeNull();
    expect(states.at(-1)?.packer).toBeNull();

    await scan(station, station.signBadge(24));
    const current = await currentSession(station);
    expect(current).toMatchObject({ picklistid: session.picklistid, packer: { iduser: 24 }, assignedElsewhere: null });
    for (const line of session.lines) {
      const [product] = value<Array<{ barcode: string | null }>>(await station.dispatch('products.search', { query: line.productcode }));
      await scan(station, product?.barcode ?? '', line.amount);
    }
    // The re-check before the shipment compares Picqer's assignee with the packer: the handover
    // assigned it to 24, so the parcel ships instead of stopping.
    // Each try moves the station's clock on a second, so the outbox's retry timers come due.
    const parcel = await vi.waitFor(
      async () => {
        clock.advance(1_000);
        const found = value<Parcel[]>(await station.dispatch('history.list', {})).find((p) => p.idpicklist === session.idpicklist);
        if (found?.state !== 'shipped') throw new Error(`the parcel is ${found?.state ?? 'not in History'}, not shipped`);
        return found;
      },
      { timeout: 20_000, interval: 10 },
    );
    expect(parcel).toMatchObject({ idpicklist: session.idpicklist, state: 'shipped', packer: { iduser: 24 } });
    expect(parcel.idshipment).toBeGreaterThan(0);
  });
});
