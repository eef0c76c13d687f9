import { execFile } from 'node:child_process';
import { PrinterError, type PortJob, type PrinterPort } from './printer-port';

/**
 * A CUPS queue through `lp`, the document on stdin. CUPS takes the job or refuses it before it
 * prints, so a refusal can be retried; once `lp` answered with a request id the job is CUPS's.
 * TODO(#5): job state from `lpstat`, media per document, a test page.
 */
export function createCupsPrinter(options: { queue: string; media?: string }): PrinterPort {
  const description = `cups:${options.queue}`;
  return {
    description,
    plan: (job) => `${description}#${job.id}`,
    print(job: PortJob) {
      const args = ['-d', options.queue, '-t', `packdesk-${job.id}-${job.kind}`];
      if (options.media) args.push('-o', `media=${options.media}`);
      if (job.format === 'zpl') args.push('-o', 'raw');
      return new Promise<void>((resolve, reject) => {
        const child = execFile('lp', args, { timeout: 30_000 }, (error, _stdout, stderr) => {
          if (!error) return resolve();
          const isMissing = (error as NodeJS.ErrnoException).code === 'ENOENT';
          reject(
            new PrinterError(isMissing ? 'PRINTER_OFFLINE: CUPS (lp) is not installed on this station' : `PRINTER_OFFLINE: CUPS refused the job: ${stderr.trim() || error.message}`, {
              isPermanent: isMissing,
            }),
          );
        });
        child.stdin?.end(job.body);
      });
    },
    wasDelivered: async () => null,
  };
}
