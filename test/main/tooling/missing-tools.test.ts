import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInstalled, missingToolsDirVariable, requireTools } from '../../helpers/requires-tool';
import { shouldFailRun, summariseMissingTools } from '../../helpers/missing-tools-reporter';

const root = resolve(__dirname, '../../..');

describe('requireTools', () => {
  const before = process.env[missingToolsDirVariable];
  afterEach(() => {
    process.env[missingToolsDirVariable] = before;
  });

  it('finds programs on PATH and absolute paths', () => {
    expect(isInstalled('sh')).toBe(true);
    expect(isInstalled('packdesk-no-such-tool')).toBe(false);
    expect(isInstalled('/nonexistent/cupsd')).toBe(false);
  });

  it('returns the missing tools and records them with this test file for the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-missing-'));
    process.env[missingToolsDirVariable] = dir;
    try {
      expect(requireTools(['pdftotext', 'zbarimg', 'socat'], 'poppler-utils zbar-tools socat', (tool) => tool === 'pdftotext')).toEqual(['zbarimg', 'socat']);
      expect(requireTools(['pdftotext'], 'poppler-utils', () => true)).toEqual([]);
      const records = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
      expect(records).toEqual([{ file: __filename, tools: ['zbarimg', 'socat'], packages: 'poppler-utils zbar-tools socat' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the missing-tools summary', () => {
  const records = [
    { file: '/t/slip.test.ts', tools: ['pdftotext', 'zbarimg'], packages: 'poppler-utils zbar-tools' },
    { file: '/t/label.test.ts', tools: ['pdftotext', 'zbarimg'], packages: 'poppler-utils zbar-tools' },
    { file: '/t/cups.test.ts', tools: ['cupsd'], packages: 'cups' },
    { file: '/t/cups.test.ts', tools: ['pdftotext', 'zbarimg'], packages: 'poppler-utils zbar-tools' },
    { file: '/t/serial.test.ts', tools: ['socat'], packages: 'socat' },
  ];
  const skipped: Record<string, number> = { '/t/slip.test.ts': 3, '/t/label.test.ts': 2, '/t/cups.test.ts': 1, '/t/serial.test.ts': 0 };

  it('says per tool how many tests were skipped and how to install it, counting each file once under all it lacks', () => {
    const summary = summariseMissingTools(records, (file) => skipped[file] ?? 0);
    expect(summary).toEqual({
      lines: [
        'skipped: 1 test needs cupsd, pdftotext, zbarimg (apt: cups poppler-utils zbar-tools; run npm run setup:test)',
        'skipped: 5 tests need pdftotext, zbarimg (apt: poppler-utils zbar-tools; run npm run setup:test)',
      ],
      skipped: 6,
    });
  });

  it('fails the run only under CI and only when a test was skipped', () => {
    const some = summariseMissingTools(records, (file) => skipped[file] ?? 0);
    const none = summariseMissingTools(records, () => 0);
    expect(none).toEqual({ lines: [], skipped: 0 });
    expect(shouldFailRun(some, { CI: 'true' })).toBe(true);
    expect(shouldFailRun(some, {})).toBe(false);
    expect(shouldFailRun(some, { CI: 'false' })).toBe(false);
    expect(shouldFailRun(none, { CI: 'true' })).toBe(false);
  });
});

describe('a vitest run with a test skipped for a missing tool', () => {
  const run = (env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> =>
    new Promise((done, fail) => {
      const child = spawn(join(root, 'node_modules/.bin/vitest'), ['run', '--config', 'test/fixtures/missing-tool/vitest.config.ts'], {
        cwd: root,
        env: { ...process.env, [missingToolsDirVariable]: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('error', fail);
      child.on('exit', (code) => done({ code, output }));
    });

  it('says so in the summary, and passes outside CI', async () => {
    const { code, output } = await run({ CI: '' });
    expect(output).toContain('skipped: 2 tests need packdesk-no-such-tool (apt: packdesk-no-such-package; run npm run setup:test)');
    expect(code).toBe(0);
  }, 90_000);

  it('fails under CI', async () => {
    const { code, output } = await run({ CI: 'true' });
    expect(output).toContain('skipped: 2 tests need packdesk-no-such-tool');
    expect(code).toBe(1);
  }, 90_000);
});
