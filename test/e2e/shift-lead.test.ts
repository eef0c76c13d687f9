import { describe, expect, it } from 'vitest';
import type { AppState } from '../../shared/domain';
import type { Parcel } from '../../shared/packing';
import { scannerBurst } from './keys';
import { openQueue, packUnits, packerId, scanForAnswer, simplePicklists, realStationForFile, unitCodes } from './real-station';
import { signedBadge, valueOf } from './station';

/*
 * Issue 14 through the real station in Chromium, in Dutch: with a shift-lead PIN set, a packer
 * sees Settings locked and main refuses the save; cancelling a shipment asks for the PIN first and
 * a wrong one is refused; the PIN unlocks; a badge typed from a user id is refused and signs nobody
 * in; the signed badge the badge sheet prints signs its packer in; a shift lead's badge scanned
 * into the unlock dialog unlocks.
 */

const shared = realStationForFile({ language: 'nl' });

describe('shift-lead actions and signed badges', () => {
  it('a packer cannot save Settings or cancel a shipment without the PIN; the PIN unlocks; only signed badges sign in', async (context) => {
    const real = shared.inTest(context);
    const { demo, station } = real;
    // The station starts with no PIN (everything open, as before); the lead sets one, then locks.
    valueOf(await station.command('lead.configure', { pin: '4711' }));
    valueOf(await station.command('lead.lock'));

    const { page, errors } = await openQueue(real);
    const nav = page.getByRole('navigation');

    // Settings: locked, nothing to save on screen, and main refuses the save made behind the screen's back.
    await nav.getByRole('button', { name: 'Instellingen', exact: true }).click();
    await expect.poll(() => page.getByTestId('lead-status').textContent(), { timeout: 15_000 }).toContain('Vergrendeld');
    expect(await page.locator('.settings__station').count()).toBe(0);
    const refused = await station.command('settings.update', { section: 'station', value: { idleSignOutMinutes: 30 } });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: { code: 'lead.required', params: {} } } });

    // A parcel to cancel: pack a picklist to the end (auto-complete ships it).
    const picklist = simplePicklists(demo)[0];
    if (!picklist) throw new Error('the demo seed has no simple picklist');
    await nav.getByRole('button', { name: 'Wachtrij', exact: true }).click();
    await scanForAnswer(page, picklist.picklistid);
    await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: 15_000 });
    const codes = unitCodes(demo, picklist);
    await packUnits(page, codes);
    await expect
      .poll(async () => valueOf<Parcel[]>(await station.command('history.list')).find((p) => p.idpicklist === picklist.idpicklist)?.idshipment ?? null, { timeout: 30_000 })
      .not.toBeNull();

    // Cancel asks for the shift lead first, not the cancel dialog; a wrong PIN is refused in Dutch.
    await nav.getByRole('button', { name: 'Geschiedenis', exact: true }).click();
    const row = page.locator('tr', { hasText: picklist.picklistid });
    await row.getByRole('button', { name: 'Zending annuleren', exact: true }).click({ timeout: 15_000 });
    const dialog = page.getByTestId('lead-unlock');
    await dialog.waitFor();
    expect(await page.getByTestId('cancel-shipment').count()).toBe(0);
    await page.getByTestId('lead-pin').fill('1234');
    await page.getByTestId('lead-unlock-submit').click();
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('Die pincode klopt niet');
    expect(valueOf<AppState>(await station.command('app.state')).lead.isUnlocked).toBe(false);

    // The right PIN unlocks, and the cancel dialog the packer asked for opens.
    await page.getByTestId('lead-pin').fill('4711');
    await page.getByTestId('lead-unlock-submit').click();
    await page.getByTestId('cancel-shipment').waitFor({ timeout: 15_000 });
    expect(await dialog.count()).toBe(0);
    expect(valueOf<AppState>(await station.command('app.state')).lead).toMatchObject({ isUnlocked: true, unlockedWith: 'pin', unlockedBy: { iduser: packerId } });
    await page.getByTestId('cancel-reason').fill('Verkeerde doos');
    await page.getByRole('button', { name: 'Ja, zending annuleren', exact: true }).click();
    await expect
      .poll(async () => valueOf<Parcel[]>(await station.command('history.list')).find((p) => p.idpicklist === picklist.idpicklist)?.state, { timeout: 30_000 })
      .toBe('cancelled');

    // Settings are open now, and say who unlocked them.
    await nav.getByRole('button', { name: 'Instellingen', exact: true }).click();
    await expect.poll(() => page.getByTestId('lead-status').textContent(), { timeout: 15_000 }).toContain('Ontgrendeld door Jan de Vries');
    await page.locator('.settings__station').waitFor();

    // A badge typed from a user id is refused in the packer's language, and signs nobody in.
    await nav.getByRole('button', { name: 'Wachtrij', exact: true }).click();
    const forged = await scanForAnswer(page, 'PD:BADGE:22');
    expect(forged.tone).toBe('bad');
    expect(forged.text).toContain('Deze badge is niet geldig op dit pakstation: print een nieuwe');
    expect(valueOf<AppState>(await station.command('app.state')).packer?.iduser).toBe(packerId);

    // The badge as the badge sheet prints it (signed with the station's secret) signs Sanne in.
    const signed = await scanForAnswer(page, signedBadge(station, 22));
    expect(signed.text).toContain('Aangemeld: Sanne Müller');
    expect(valueOf<AppState>(await station.command('app.state')).packer?.iduser).toBe(22);

    // Jan is made a shift lead; the Lock button locks; his badge, scanned while the unlock dialog
    // is open, unlocks (and signs nobody else in or out).
    valueOf(await station.command('lead.configure', { leads: [packerId] }));
    await nav.getByRole('button', { name: 'Instellingen', exact: true }).click();
    await page.getByTestId('lead-lock').click();
    await page.getByTestId('lead-unlock-open').click();
    await dialog.waitFor();
    await scannerBurst(page, signedBadge(station, 22));
    await expect.poll(() => dialog.textContent(), { timeout: 15_000 }).toContain('Deze badge is niet van een ploegleider');
    await scannerBurst(page, signedBadge(station, packerId));
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('lead-status').textContent(), { timeout: 15_000 }).toContain('Ontgrendeld door Jan de Vries');
    expect(valueOf<AppState>(await station.command('app.state'))).toMatchObject({ packer: { iduser: 22 }, lead: { unlockedWith: 'badge' } });
    expect(errors).toEqual([]);
  }, 180_000);
});
