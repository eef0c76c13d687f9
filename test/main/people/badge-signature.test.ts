import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseScanInput } from '../../../electron/main/packing/scan-input';
import { badgeAccount, badgeMacLength, badgeSecretFile, loadBadgeSecret, signBadge, verifyBadge } from '../../../electron/main/people/badge-signature';

const secretA = Buffer.alloc(32, 1);
const secretB = Buffer.alloc(32, 2);

describe('signed badges', () => {
  it('signs a user id into a short Code 128-friendly code that verifies', () => {
    const code = signBadge(secretA, 22);
    expect(code).toMatch(new RegExp(`^PD:BADGE:22\\.[A-Z2-7]{${badgeMacLength}}$`));
    expect(verifyBadge(secretA, code)).toEqual({ ok: true, iduser: 22 });
    // Another user's mac on this id is no signature for it.
    const other = signBadge(secretA, 23).split('.')[1];
    expect(verifyBadge(secretA, `PD:BADGE:22.${other}`)).toEqual({ ok: false, refusal: 'forged', iduser: 22 });
  });

  it('reads a badge scanned with caps lock on, with scanner whitespace or a symbology prefix', () => {
    const code = signBadge(secretA, 24);
    expect(verifyBadge(secretA, code.toLowerCase())).toEqual({ ok: true, iduser: 24 });
    // The symbology prefix comes off where the scan enters main, before the router asks for a badge.
    const entered = normaliseScanInput({ code: ` ]C0${code} `, source: 'hid' });
    expect(entered.aim).toBe(']C0');
    expect(verifyBadge(secretA, entered.code)).toEqual({ ok: true, iduser: 24 });
  });

  it('refuses an unsigned badge, a made-up mac and a malformed one; anything else is no badge', () => {
    expect(verifyBadge(secretA, 'PD:BADGE:22')).toEqual({ ok: false, refusal: 'unsigned', iduser: 22 });
    expect(verifyBadge(secretA, 'PD:BADGE:22.AAAAAAAAAA')).toEqual({ ok: false, refusal: 'forged', iduser: 22 });
    expect(verifyBadge(secretA, 'PD:BADGE:22.AAA')).toEqual({ ok: false, refusal: 'forged', iduser: 22 });
    expect(verifyBadge(secretA, 'PD:BADGE:jan')).toEqual({ ok: false, refusal: 'malformed', iduser: null });
    expect(verifyBadge(secretA, '8712345678906')).toBeNull();
    expect(verifyBadge(secretA, 'PD:COMPLETE')).toBeNull();
  });

  it("refuses a badge signed with another account's or an older secret", () => {
    expect(verifyBadge(secretB, signBadge(secretA, 22))).toEqual({ ok: false, refusal: 'forged', iduser: 22 });
  });

  it('keeps one secret per account in the data dir, readable by this user only, until rotated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-badge-'));
    const first = loadBadgeSecret(dir, 'picqer-acme');
    const file = join(dir, badgeSecretFile('picqer-acme'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadBadgeSecret(dir, 'picqer-acme')).toEqual(first);
    expect(loadBadgeSecret(dir, 'picqer-other')).not.toEqual(first);

    const printed = signBadge(first, 22);
    const rotated = loadBadgeSecret(dir, 'picqer-acme', { rotate: true });
    expect(rotated).not.toEqual(first);
    expect(verifyBadge(rotated, printed)).toMatchObject({ ok: false, refusal: 'forged' });
    expect(verifyBadge(rotated, signBadge(rotated, 22))).toEqual({ ok: true, iduser: 22 });
    expect(readFileSync(file, 'utf8').trim()).toBe(rotated.toString('hex'));
  });

  it('makes a new secret when the file is unusable, rather than signing with garbage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-badge-'));
    writeFileSync(join(dir, badgeSecretFile('demo')), 'not hex\n');
    expect(loadBadgeSecret(dir, 'demo')).toHaveLength(32);
  });

  it('gives every demo, restarted or not, the same account', () => {
    expect(badgeAccount('demo')).toBe('demo');
    expect(badgeAccount('demo-1a2b3c4d')).toBe('demo');
    expect(badgeAccount('picqer-acme')).toBe('picqer-acme');
  });
});
