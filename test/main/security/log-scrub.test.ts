import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, logToFile, redacted, registerSecret, scrubSecrets, setLogSink, type LogSink } from '../../../electron/main/infra/log';
import { logText } from '../../helpers/log-files';

/*
 * The logger's second line of defence: whatever a caller, a library or an error message puts in
 * a line, a registered secret never reaches a sink or the log file.
 */

const secret = 'pk_scrub_test_SECRET_4e8a1f0c9b7d';
registerSecret(secret);
const basicHeader = `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;
const dir = mkdtempSync(join(tmpdir(), 'pd-log-'));

afterAll(() => {
  setLogSink((line) => process.stderr.write(`${line.message}\n`), 'warn');
  rmSync(dir, { recursive: true, force: true });
});

function capture(): { lines: Parameters<LogSink>[0][]; text: () => string } {
  const lines: Parameters<LogSink>[0][] = [];
  setLogSink((line) => lines.push(line), 'debug');
  return { lines, text: () => JSON.stringify(lines) };
}

describe('the log scrubber', () => {
  it('blanks a registered key out of messages and fields at any depth, in every spelling', () => {
    const { lines, text } = capture();
    const log = createLogger('test');
    log.error(`request with ${secret} failed`, {
      headers: { authorization: basicHeader },
      url: `https://example.test/?key=${encodeURIComponent(secret)}`,
      nested: [{ deeper: { key: secret } }],
      error: new Error(`bad key ${secret}`),
      encoded: Buffer.from(secret).toString('base64'),
      count: 3,
      when: new Date(Date.UTC(2026, 0, 2)),
    });
    expect(text()).not.toContain(secret);
    expect(text()).not.toContain(Buffer.from(`${secret}:`).toString('base64'));
    expect(text()).not.toContain(Buffer.from(secret).toString('base64'));
    expect(lines[0]?.message).toBe(`request with ${redacted} failed`);
    expect(lines[0]?.fields).toMatchObject({ headers: { authorization: `Basic ${redacted}` }, count: 3, when: '2026-01-02T00:00:00.000Z' });
    expect((lines[0]?.fields?.error as { message: string }).message).toBe(`bad key ${redacted}`);
  });

  it('survives fields that point at themselves', () => {
    const { lines } = capture();
    const loop: Record<string, unknown> = { key: secret };
    loop.self = loop;
    createLogger('test').warn('loop', { loop });
    expect(JSON.stringify(lines[0]?.fields)).not.toContain(secret);
  });

  it('ignores values too short to be a key, so ordinary words stay readable', () => {
    registerSecret('k');
    registerSecret('demo');
    expect(scrubSecrets('keep the demo working')).toBe('keep the demo working');
  });

  it('writes no secret to the log file', async () => {
    const file = join(dir, 'logs', 'packdesk.log');
    await logToFile(file, 'debug');
    createLogger('test').info(`connecting with ${secret}`, { authorization: basicHeader });
    const written = logText(file);
    expect(written).toContain(`connecting with ${redacted}`);
    expect(written).not.toContain(secret);
  });
});
