import { reason } from '../../../shared/reasons';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CommandName } from '../../../shared/contract';
import type { LeadState, Person } from '../../../shared/domain';
import { AppError, type ErrorBody } from '../../../shared/errors';
import type { Clock } from '../infra/clock';
import { createLogger, type Logger } from '../infra/log';

/*
 * Shift-lead actions (Setup, Settings, printers, devices, cancelling a shipment, discarding a
 * set-aside change, the config export, a parcel's weight let through) wait for a shift lead: the station's PIN, or a listed
 * lead's signed badge. The unlock is held here in main, so the screen cannot fake it, and lasts a
 * few minutes or until the packer signs out. A station with neither a PIN nor a lead stays open,
 * as before, and says so in Settings.
 */

/**
 * The commands a shift lead must unlock. setup.cancel only drops a connection Setup was trying;
 * setup.users is also the packer chooser's list of names. Printing badges is a lead's: a printed
 * badge signs its person in.
 */
export const leadCommands: ReadonlySet<CommandName> = new Set<CommandName>([
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
]);

/** The first Setup has nobody to ask yet: these stay open until the station is set up. */
const firstSetupCommands: ReadonlySet<CommandName> = new Set<CommandName>(['setup.connect', 'setup.warehouses', 'setup.save']);

export const unlockMinutes = 5;
export const maxPinTries = 5;
export const lockoutMs = 60_000;

// scrypt's cost: about 50 ms here, nothing for one unlock, slow for someone trying every PIN offline.
const scryptParams = { N: 16384, r: 8, p: 1 } as const;
const keyLength = 32;

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64: the parameters travel with the hash. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, keyLength, scryptParams);
  return ['scrypt', scryptParams.N, scryptParams.r, scryptParams.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPin(stored: string, pin: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

const leadFileSchema = z.object({ pinHash: z.string().nullable(), leads: z.array(z.number().int().positive()) }).strict();
type LeadFile = z.infer<typeof leadFileSchema>;

/** The file in the data dir, apart from station.json so the config export never carries the PIN's hash. */
export const leadFileName = 'shift-lead.json';

function readLeadFile(path: string): LeadFile {
  if (!existsSync(path)) return { pinHash: null, leads: [] };
  let json: unknown = null;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // Falls through to the refusal below.
  }
  const parsed = leadFileSchema.safeParse(json);
  // A damaged file must not open the station to everyone: refuse to start and say where.
  if (!parsed.success) throw new AppError('VALIDATION', `Shift-lead settings ${path} are not valid; fix or delete the file.`);
  return parsed.data;
}

function writeLeadFile(path: string, file: LeadFile): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export interface ShiftLeadDeps {
  dataDir: string;
  clock: Clock;
  /** The station is set up (backend, warehouse, name): Setup is no longer the first. */
  isConfigured(): boolean;
  /** The unlock began or ended, or the lockout did: main publishes the app state. */
  onChange(): void;
  log?: Logger;
}

export interface ShiftLead {
  state(): LeadState;
  /** Throws FORBIDDEN when `command` needs a shift lead and none unlocked the station. */
  check(command: CommandName): void;
  /**
   * The dispatcher's gate, before the input is read: the refusal to answer, or null to go on. A
   * lead's action that goes on is logged with who unlocked and who is signed in.
   */
  guard(command: CommandName, packer: Person | null): ErrorBody | null;
  /** Who unlocked, for the log of a lead's action; null when the station is open or locked. */
  unlockedBy(): Person | null;
  unlockWithPin(pin: string, person: Person | null): void;
  /** A listed lead's badge, already verified as signed. */
  unlockWithBadge(person: Person): void;
  lock(): void;
  configure(change: { pin?: string | null; leads?: number[] }, person: Person | null): void;
}

export function createShiftLead(deps: ShiftLeadDeps): ShiftLead {
  const log = deps.log ?? createLogger('shift-lead');
  mkdirSync(deps.dataDir, { recursive: true });
  const path = join(deps.dataDir, leadFileName);
  let file = readLeadFile(path);
  let unlock: { by: Person | null; method: 'pin' | 'badge'; until: number; timer: { cancel(): void } } | null = null;
  let failures = 0;
  let lockedOutUntil = 0;

  const isProtected = () => file.pinHash !== null || file.leads.length > 0;
  const now = () => deps.clock.now();

  const lock = () => {
    if (!unlock) return;
    unlock.timer.cancel();
    unlock = null;
    deps.onChange();
  };

  const startUnlock = (by: Person | null, method: 'pin' | 'badge') => {
    unlock?.timer.cancel();
    const ms = unlockMinutes * 60_000;
    unlock = {
      by,
      method,
      until: now() + ms,
      timer: deps.clock.setTimeout(() => {
        log.info('shift-lead unlock ended', { by: unlock?.by?.iduser ?? null });
        unlock = null;
        deps.onChange();
      }, ms),
    };
    failures = 0;
    log.info('shift lead unlocked the station', { method, iduser: by?.iduser ?? null, name: by?.name ?? null });
    deps.onChange();
  };

  const isUnlocked = () => unlock !== null && now() < unlock.until;

  const check = (command: CommandName) => {
    if (!leadCommands.has(command) || !isProtected() || isUnlocked()) return;
    if (firstSetupCommands.has(command) && !deps.isConfigured()) return;
    log.warn('refused a shift-lead action while locked', { command });
    throw new AppError('FORBIDDEN', reason('lead.required'));
  };

  return {
    state() {
      const open = isUnlocked() ? unlock : null;
      return {
        isProtected: isProtected(),
        hasPin: file.pinHash !== null,
        leads: [...file.leads],
        isUnlocked: open !== null,
        unlockedBy: open?.by ?? null,
        unlockedWith: open?.method ?? null,
        unlockedUntil: open ? new Date(open.until).toISOString() : null,
        lockedOutUntil: lockedOutUntil > now() ? new Date(lockedOutUntil).toISOString() : null,
      };
    },

    check,

    unlockedBy: () => (isUnlocked() ? (unlock?.by ?? null) : null),

    guard(command, packer) {
      if (!leadCommands.has(command)) return null;
      try {
        check(command);
      } catch (error) {
        if (error instanceof AppError) return error.toBody();
        throw error;
      }
      const open = isUnlocked() ? unlock : null;
      if (open) log.info('shift-lead action', { command, unlockedWith: open.method, unlockedBy: open.by?.iduser ?? null, unlockedByName: open.by?.name ?? null, packer: packer?.iduser ?? null });
      return null;
    },

    unlockWithPin(pin, person) {
      if (lockedOutUntil > now()) {
        throw new AppError('RATE_LIMITED', reason('lead.lockout'), { until: new Date(lockedOutUntil).toISOString() });
      }
      if (file.pinHash === null) throw new AppError('CONFLICT', reason('lead.noPin'));
      if (!verifyPin(file.pinHash, pin)) {
        failures += 1;
        log.warn('wrong shift-lead PIN', { failures });
        if (failures >= maxPinTries) {
          failures = 0;
          lockedOutUntil = now() + lockoutMs;
          log.warn('shift-lead PIN locked for a minute after wrong tries', { tries: maxPinTries });
          deps.onChange();
          // The screen learns the lockout is over too, not only that it began.
          deps.clock.setTimeout(deps.onChange, lockoutMs);
          throw new AppError('RATE_LIMITED', reason('lead.lockout'), { until: new Date(lockedOutUntil).toISOString() });
        }
        throw new AppError('FORBIDDEN', reason('lead.wrongPin'), { triesLeft: maxPinTries - failures });
      }
      startUnlock(person, 'pin');
    },

    unlockWithBadge(person) {
      if (!file.leads.includes(person.iduser)) {
        log.warn('badge of someone who is no shift lead offered to unlock', { iduser: person.iduser });
        throw new AppError('FORBIDDEN', reason('lead.notListed'), { name: person.name });
      }
      startUnlock(person, 'badge');
    },

    lock,

    configure(change, person) {
      const next: LeadFile = {
        pinHash: change.pin === undefined ? file.pinHash : change.pin === null ? null : hashPin(change.pin),
        leads: change.leads === undefined ? file.leads : [...new Set(change.leads)].sort((a, b) => a - b),
      };
      writeLeadFile(path, next);
      file = next;
      log.info('shift-lead settings changed', {
        pin: change.pin === undefined ? 'kept' : change.pin === null ? 'removed' : 'set',
        leads: next.leads,
        by: person?.iduser ?? null,
      });
      // Whoever just set the PIN knows it: they need not type it again to finish what they started.
      if (typeof change.pin === 'string') startUnlock(person, 'pin');
      else if (!isProtected()) lock();
      else deps.onChange();
    },
  };
}
