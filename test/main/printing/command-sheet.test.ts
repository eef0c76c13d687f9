import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTools } from '../../helpers/requires-tool';
import { scanCommands } from '../../../shared/packing';
import { commandSheetLabel, renderCommandSheet, sheetQuantities } from '../../../electron/main/documents/command-sheet';

const missing = requireTools(['pdftotext', 'pdftoppm', 'zbarimg'], 'poppler-utils zbar-tools');

describe.skipIf(missing.length > 0)('command sheet', () => {
  for (const language of ['nl', 'en'] as const) {
    it(`(${language}) names every command and every barcode decodes to PD:<COMMAND> or PD:QTY:<n>`, async () => {
      const pdf = await renderCommandSheet(language);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const dir = mkdtempSync(join(tmpdir(), 'packdesk-sheet-'));
      try {
        const file = join(dir, 'sheet.pdf');
        writeFileSync(file, pdf);
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        for (const command of scanCommands) expect(text).toContain(commandSheetLabel(language, command));
        execFileSync('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')]);
        // Five to a page: the commands first, then the quantities (issue 12).
        const pages = readdirSync(dir).filter((f) => f.endsWith('.png'));
        expect(pages).toHaveLength(Math.ceil((scanCommands.length + sheetQuantities.length) / 5));
        const decoded = execFileSync('zbarimg', ['--quiet', '--raw', ...pages.map((page) => join(dir, page))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .sort();
        expect(decoded).toEqual([...scanCommands.map((c) => `PD:${c}`), ...sheetQuantities.map((n) => `PD:QTY:${n}`)].sort());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
