import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, type CommandName } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createShiftLead, hashPin, leadCommands, leadFileName, lockoutMs, maxPinTries, unlockMinutes, verifyPin } from '../../../electron/main/people/shift-lead';

const lead = { iduser: 21, name: 'Jan de Vries' };

function setup(options: { isConfigured?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pd-lead-'));
  const clock = createManualClock();
  let changes = 0;
  let isConfigured = options.isConfigured ?? true;
  const shiftLead = createShiftLead({ dataDir: dir, clock, isConfigured: () => isConfigured, onChange: () => (changes += 1) });
  return { dir, clock, shiftLead, changes: () => changes, setConfigured: (value: boolean) => (isConfigured = value) };
}

function errorOf(fn: () => void): { code: string; reason: unknown } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, reason: error.reason?.code };
  }
}

describe('the shift-lead PIN', () => {
  it('is kept as a salted scrypt hash that verifies only the same PIN', () => {
    const stored = hashPin('4711');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('4711');
    expect(hashPin('4711')).not.toBe(stored);
    expect(verifyPin(stored, '4711')).toBe(true);
    expect(verifyPin(stored, '4712')).toBe(false);
    expect(verifyPin('plain$4711', '4711')).toBe(false);
  });

  it('is saved in the data dir for this user only, never in plain text, and read again after a restart', () => {
    const { dir, clock, shiftLead } = setup();
    shiftLead.configure({ pin: '4711', leads: [21] }, null);
    const file = join(dir, leadFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('4711');
    const again = createShiftLead({ dataDir: dir, clock, isConfigured: () => true, onChange: () => undefined });
    expect(again.state()).toMatchObject({ isProtected: true, hasPin: true, leads: [21], isUnlocked: false });
  });

  it('unlocks for a few minutes with the right PIN, and locks again on time or on request', () => {
    const { clock, shiftLead } = setup();
    shiftLead.configure({ pin: '4711' }, null);
    shiftLead.lock();
    expect(shiftLead.state().isUnlocked).toBe(false);
    shiftLead.unlockWithPin('4711', lead);
    expect(shiftLead.state()).toMatchObject({ isUnlocked: true, unlockedBy: lead, unlockedWith: 'pin' });
    expect(shiftLead.unlockedBy()).toEqual(lead);
    clock.advance(unlockMinutes * 60_000 - 1);
    expect(shiftLead.state().isUnlocked).toBe(true);
    clock.advance(1);
    expect(shiftLead.state()).toMatchObject({ isUnlocked: false, unlockedBy: null });
    shiftLead.unlockWithPin('4711', null);
    shiftLead.lock();
    expect(shiftLead.state().isUnlocked).toBe(false);
  });

  it(`says a wrong PIN is wrong, and after ${maxPinTries} wrong tries refuses even the right one for a minute`, () => {
    const { clock, shiftLead } = setup();
    shiftLead.configure({ pin: '4711' }, null);
    shiftLead.lock();
    for (let i = 1; i < maxPinTries; i++) expect(errorOf(() => shiftLead.unlockWithPin('0000', null))).toEqual({ code: 'FORBIDDEN', reason: 'lead.wrongPin' });
    expect(errorOf(() => shiftLead.unlockWithPin('0000', null))).toEqual({ code: 'RATE_LIMITED', reason: 'lead.lockout' });
    expect(shiftLead.state().lockedOutUntil).not.toBeNull();
    expect(errorOf(() => shiftLead.unlockWithPin('4711', null))).toEqual({ code: 'RATE_LIMITED', reason: 'lead.lockout' });
    clock.advance(lockoutMs - 1);
    expect(errorOf(() => shiftLead.unlockWithPin('4711', null))).toEqual({ code: 'RATE_LIMITED', reason: 'lead.lockout' });
    clock.advance(1);
    expect(shiftLead.state().lockedOutUntil).toBeNull();
    shiftLead.unlockWithPin('4711', null);
    expect(shiftLead.state().isUnlocked).toBe(true);
  });

  it('tells the screen when the lockout is over, not only when it began', () => {
    const { clock, shiftLead, changes } = setup();
    shiftLead.configure({ pin: '4711' }, null);
    shiftLead.lock();
    for (let i = 0; i < maxPinTries; i++) errorOf(() => shiftLead.unlockWithPin('0000', null));
    const atLockout = changes();
    clock.advance(lockoutMs);
    expect(changes()).toBe(atLockout + 1);
    expect(shiftLead.state().lockedOutUntil).toBeNull();
  });

  it('refuses to start on a damaged shift-lead file rather than open the station to everyone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-lead-'));
    writeFileSync(join(dir, leadFileName), '{"pinHash": ');
    expect(() => createShiftLead({ dataDir: dir, clock: createManualClock(), isConfigured: () => true, onChange: () => undefined })).toThrow(/not valid/);
  });

  it("unlocks with a listed lead's badge, and refuses someone else's", () => {
    const { shiftLead } = setup();
    shiftLead.configure({ leads: [21] }, null);
    expect(shiftLead.state()).toMatchObject({ isProtected: true, hasPin: false });
    expect(errorOf(() => shiftLead.unlockWithBadge({ iduser: 22, name: 'Sanne Müller' }))).toEqual({ code: 'FORBIDDEN', reason: 'lead.notListed' });
    shiftLead.unlockWithBadge(lead);
    expect(shiftLead.state()).toMatchObject({ isUnlocked: true, unlockedBy: lead, unlockedWith: 'badge' });
  });
});

describe('the shift-lead command guard', () => {
  const guarded: CommandName[] = [
    'setup.connect',
    'setup.warehouses',
    'setup.save',
    'packer.badges',
    'settings.update',
    'printers.set',
    'devices.configure',
    'history.cancelShipment',
    'outbox.discard',
    'config.export',
    'lead.configure',
    'pack.overrideWeight',
  ];

  it('guards exactly the shift-lead commands', () => {
    expect([...leadCommands].sort()).toEqual([...guarded].sort());
    for (const name of guarded) expect(commandNames).toContain(name);
  });

  it('answers FORBIDDEN for every guarded command while locked, and lets everything through once unlocked', () => {
    const { shiftLead } = setup();
    shiftLead.configure({ pin: '4711' }, null);
    shiftLead.lock();
    for (const name of guarded) expect(errorOf(() => shiftLead.check(name)), name).toEqual({ code: 'FORBIDDEN', reason: 'lead.required' });
    for (const name of ['scan.submit', 'pack.complete', 'setup.cancel', 'setup.users', 'packer.signIn', 'lead.unlock', 'lead.lock', 'settings.get', 'history.reprint'] as const) {
      expect(errorOf(() => shiftLead.check(name)), name).toBeNull();
    }
    shiftLead.unlockWithPin('4711', null);
    for (const name of guarded) expect(errorOf(() => shiftLead.check(name)), name).toBeNull();
  });

  it('leaves a station with no PIN and no lead open, as before', () => {
    const { shiftLead } = setup();
    expect(shiftLead.state()).toMatchObject({ isProtected: false, isUnlocked: false });
    for (const name of guarded) expect(errorOf(() => shiftLead.check(name)), name).toBeNull();
  });

  it('keeps the first Setup open on a station not set up yet, and only Setup', () => {
    const { shiftLead, setConfigured } = setup({ isConfigured: false });
    shiftLead.configure({ pin: '4711' }, null);
    shiftLead.lock();
    for (const name of ['setup.connect', 'setup.warehouses', 'setup.save'] as const) expect(errorOf(() => shiftLead.check(name)), name).toBeNull();
    expect(errorOf(() => shiftLead.check('settings.update'))?.reason).toBe('lead.required');
    setConfigured(true);
    expect(errorOf(() => shiftLead.check('setup.save'))?.reason).toBe('lead.required');
  });

  it('lets whoever sets the PIN finish, and opens the station again when the PIN and leads are removed', () => {
    const { shiftLead } = setup();
    shiftLead.configure({ pin: '4711' }, lead);
    expect(shiftLead.state()).toMatchObject({ isUnlocked: true, unlockedBy: lead });
    shiftLead.configure({ pin: null }, lead);
    expect(shiftLead.state()).toMatchObject({ isProtected: false, isUnlocked: false });
    expect(errorOf(() => shiftLead.check('settings.update'))).toBeNull();
  });
});

describe('the dispatcher gate', () => {
  it('answers the refusal body while locked, lets through once unlocked, and ignores other commands', () => {
    const { shiftLead } = setup();
    shiftLead.configure({ pin: '4711' }, null);
    shiftLead.lock();
    expect(shiftLead.guard('history.cancelShipment', lead)).toEqual({ code: 'FORBIDDEN', message: 'A shift lead must unlock this.', reason: { code: 'lead.required', params: {} } });
    expect(shiftLead.guard('pack.complete', lead)).toBeNull();
    shiftLead.unlockWithPin('4711', null);
    expect(shiftLead.guard('history.cancelShipment', lead)).toBeNull();
  });
});
