import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../infra/log';
import { createToken, isUsableToken } from './guards';

const log = createLogger('web');

/** The browser-mode secret's file in the data dir. */
export const accessSecretFile = 'web-access.secret';

/**
 * Browser mode's access secret: the token in the printed address and the HttpOnly cookie. Kept in
 * the data dir so a restarted station lets the same browser back in (an open tab reconnects, a
 * new tab on the bare address is let in by its cookie); a per-launch token locked every thin
 * client out on each restart. Random per data dir, readable by this user only, never logged.
 * `rotate` replaces it: every cookie and copied address from before stops working.
 */
export function loadAccessSecret(dataDir: string, options: { rotate?: boolean } = {}): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, accessSecretFile);
  if (!options.rotate) {
    const existing = readExisting(file);
    if (existing !== null) {
      // Someone may have copied the file around with wider permissions; the secret is as good as
      // a password to the station, so put them back.
      chmodSync(file, 0o600);
      return existing;
    }
  }
  const secret = createToken();
  // Written beside it and renamed: a crash halfway never leaves a station with half a secret.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  log.info(options.rotate ? 'browser-mode access rotated: earlier links and cookies no longer work' : 'browser-mode access secret created');
  return secret;
}

function readExisting(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const secret = text.trim();
  if (isUsableToken(secret)) return secret;
  log.warn('browser-mode access secret file was unusable; making a new one');
  return null;
}
