import { reason, type Reason } from '../../../shared/reasons';
import type { PrinterConfig } from '../../../shared/printing';
import { healthOf, PrinterError, type PrinterPort } from './printer-port';

/*
 * Which printer drivers this operating system can run. Windows has no CUPS (no lp, no lpstat), and
 * the windows driver needs the Windows spooler; raw TCP and a folder work everywhere. macOS prints
 * through CUPS as Linux does: lp and lpstat come with it. A station config file may be shared by
 * stations on different systems, so a driver this one cannot use is refused with a sentence
 * (in Settings, and on every job sent to it), never a crash at start.
 */

const systemNames: Partial<Record<NodeJS.Platform, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

export function systemName(platform: NodeJS.Platform): string {
  return systemNames[platform] ?? platform;
}

/** Why this system cannot use a driver; null when it can. */
export function driverRefusal(driver: PrinterConfig['driver'], platform: NodeJS.Platform): Reason | null {
  const isUsable = driver === 'windows' ? platform === 'win32' : driver === 'cups' ? platform !== 'win32' : true;
  return isUsable ? null : reason('print.driverNotOnThisSystem', { driver, system: systemName(platform) });
}

/** A printer this system cannot reach: every job fails at once with the reason, and Settings shows it. */
export function refusingPort(config: PrinterConfig, refusal: Reason): PrinterPort {
  const description = `${config.driver}:${config.driver === 'windows' ? config.printer : config.driver === 'cups' ? config.queue : '?'}`;
  return {
    description,
    plan: (job) => `${description}#${job.id}`,
    async print() {
      throw new PrinterError(refusal, { isPermanent: true });
    },
    wasDelivered: async () => false,
    health: async () => healthOf('offline', refusal),
  };
}
