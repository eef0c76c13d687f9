import { reason } from '../../../shared/reasons';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badgeCode, parseBadgeBarcode, scanAnswerOf, type ScanAnswer } from '../../../shared/packing';
import { createLogger } from '../infra/log';

/*
 * Signed badges. A badge was `PD:BADGE:<iduser>`, which anyone can type or print from a user id;
 * now it carries a short HMAC-SHA256 of the user id made with a secret of the Picqer account's that
 * only main holds. The secret lives in the data dir, readable by this user only, never goes to the
 * renderer or into the config export, and is made once: badges keep working across restarts.
 */

const log = createLogger('badges');

/**
 * Base32 characters of the mac: 10 of them are 50 bits, far more than anyone can guess at a
 * scanner, and short enough for the whole badge to print as Code 128 on the badge sheet.
 */
export const badgeMacLength = 10;

/** RFC 4648 base32: capitals and digits only, so a wedge with caps lock cannot change its meaning. */
const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export function badgeMac(secret: Buffer, iduser: number): string {
  // Versioned message, so a later badge format can never verify as this one.
  const digest = createHmac('sha256', secret).update(`packdesk-badge:v1:${iduser}`).digest();
  return base32(digest).slice(0, badgeMacLength);
}

export function signBadge(secret: Buffer, iduser: number): string {
  return badgeCode(iduser, badgeMac(secret, iduser));
}

export type BadgeCheck =
  | { ok: true; iduser: number }
  /** unsigned: an old or typed `PD:BADGE:<id>`; forged: a mac this account's secret did not make; malformed: no user id. */
  | { ok: false; refusal: 'unsigned' | 'forged' | 'malformed'; iduser: number | null };

/** Checks a scan against the secret; null when the scan is no badge at all. */
export function verifyBadge(secret: Buffer, code: string): BadgeCheck | null {
  const badge = parseBadgeBarcode(code);
  if (badge === null) return null;
  if (badge.iduser === null) return { ok: false, refusal: 'malformed', iduser: null };
  if (badge.mac === null) return { ok: false, refusal: 'unsigned', iduser: badge.iduser };
  const expected = Buffer.from(badgeMac(secret, badge.iduser));
  const given = Buffer.from(badge.mac);
  // Constant time, so the mac cannot be found a character at a time by timing the answers.
  const isValid = given.length === expected.length && timingSafeEqual(given, expected);
  return isValid ? { ok: true, iduser: badge.iduser } : { ok: false, refusal: 'forged', iduser: badge.iduser };
}

/**
 * The account a secret belongs to, from the backend's identity. Every demo (a restarted one gets
 * a new identity) shares one: its users are the same seeded people.
 */
export function badgeAccount(identity: string): string {
  return identity.startsWith('demo') ? 'demo' : identity.replace(/[^a-zA-Z0-9._-]/g, '_');
}

export function badgeSecretFile(account: string): string {
  return `badge-secret-${account}.key`;
}

/**
 * The account's badge secret, made on first use. `rotate` makes a new one: every badge printed
 * before stops working and has to be printed again.
 */
export function loadBadgeSecret(dataDir: string, account: string, options: { rotate?: boolean } = {}): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, badgeSecretFile(account));
  if (!options.rotate) {
    const existing = readSecret(file);
    if (existing) {
      // A copy from another station may have come with wider permissions: it is a key to sign anyone in.
      chmodSync(file, 0o600);
      return existing;
    }
  }
  const secret = randomBytes(32);
  // Written beside it and renamed: a crash halfway never leaves half a secret (and every badge refused).
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  log.info(options.rotate ? 'badge secret rotated: badges printed before no longer sign in' : 'badge secret created', { account });
  return secret;
}

function readSecret(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  log.warn('badge secret file was unusable; making a new one (printed badges must be printed again)');
  return null;
}

export interface BadgeSigner {
  sign(iduser: number): string;
  /** Null when the scan is no badge. */
  verify(code: string): BadgeCheck | null;
}

/**
 * Signs and checks badges with the secret of the account the station runs on now (a station
 * switched to another Picqer account in Setup uses that account's). `rotate` replaces the first
 * secret it loads: the one of the account the station starts on.
 */
export function createBadgeSigner(deps: { dataDir: string; identity(): string; rotate?: boolean }): BadgeSigner {
  const secrets = new Map<string, Buffer>();
  let shouldRotate = deps.rotate ?? false;
  const secret = (): Buffer => {
    const account = badgeAccount(deps.identity());
    let found = secrets.get(account);
    if (!found) {
      found = loadBadgeSecret(deps.dataDir, account, { rotate: shouldRotate });
      shouldRotate = false;
      secrets.set(account, found);
    }
    return found;
  };
  return {
    sign: (iduser) => signBadge(secret(), iduser),
    verify: (code) => verifyBadge(secret(), code),
  };
}

/** The answer to a badge scan that was refused: it signs nobody in, and is logged with the id it named. */
export function badgeRefusedAnswer(code: string, check: Extract<BadgeCheck, { ok: false }>, revision: number): ScanAnswer {
  log.warn('refused a badge', { refusal: check.refusal, iduser: check.iduser });
  return scanAnswerOf({ kind: 'badge_refused', code, reason: reason('badge.invalid'), revision });
}
