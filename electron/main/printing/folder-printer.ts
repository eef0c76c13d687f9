import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderHealth } from './folder-health';
import { reason } from '../../../shared/reasons';
import { PrinterError, type PortJob, type PrinterPort } from './printer-port';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyymmdd-hhmmss` in local time: what a person looking at the folder expects. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
}

/**
 * The folder driver: each job becomes one file `<yyyymmdd-hhmmss>-<picklistid or job id>-<kind>.<ext>`.
 * The file appears whole or not at all (temp file, then rename), so a watcher never picks up half
 * a label, and its presence after a restart is proof the job was delivered.
 */
export function createFolderPrinter(path: string): PrinterPort {
  return {
    description: `folder:${path}`,
    plan(job, now) {
      const base = `${localStamp(now)}-${safePart(job.picklistid ?? String(job.id))}-${job.kind}`;
      // Two jobs of one picklist and kind within a second (a quick reprint) must not overwrite
      // each other; the job id keeps the second apart.
      const name = existsSync(join(path, `${base}.${job.format}`)) ? `${base}-${job.id}.${job.format}` : `${base}.${job.format}`;
      return join(path, name);
    },
    async print(job: PortJob) {
      const temp = join(path, `.job-${job.id}.tmp`);
      try {
        mkdirSync(path, { recursive: true });
        writeFileSync(temp, job.body);
        renameSync(temp, job.target);
      } catch (error) {
        rmSync(temp, { force: true });
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new PrinterError(reason('printer.folderNotWritable', { path, code }));
      }
    },
    async wasDelivered(job) {
      return existsSync(job.target);
    },
    health: async () => folderHealth(path),
  };
}
