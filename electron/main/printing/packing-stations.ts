import { driverOfDiscovered, type CupsQueue } from '../../../shared/printing';
import { reason } from '../../../shared/reasons';
import { planStationPrinters, type PackingStation, type PackingStations } from '../../../shared/station-printers';
import type { SavedSettings } from '../config/settings-store';
import { mergePrinterLists, withPrinterChoice } from '../config/printer-settings';
import { createLogger } from '../infra/log';
import { PicqerError } from '../picqer/errors';
import type { PicqerPackingStationApi } from '../picqer/types';
import { driverRefusal } from './driver-choice';

/*
 * Picqer's packing stations for Settings and for Setup, and this machine's printers to match them
 * to. Setup asks before the station is configured, so neither needs a running station: the
 * stations come through whichever connection is asked, the printers from lpstat (or Windows's
 * list) and the operating system's own list.
 */

const log = createLogger('station');

/** The account's packing stations, or none with why when its API does not offer them. */
export async function readPackingStations(api: PicqerPackingStationApi): Promise<PackingStations> {
  try {
    return { stations: await api.listPackingStations({ priority: 'interactive' }), reason: null };
  } catch (error) {
    // An account whose API does not offer packing stations: the printers are chosen by hand.
    if (error instanceof PicqerError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) {
      log.info('no packing stations from Picqer', { code: error.code });
      return { stations: [], reason: reason('print.noPackingStations') };
    }
    throw error;
  }
}

export interface LocalPrinterSources {
  /** CUPS's queues, or on Windows the printers Windows lists. */
  discover(): Promise<CupsQueue[]>;
  /** The printers the operating system lists (Electron's); none in browser mode. */
  systemPrinters?: () => Promise<Array<{ name: string; description?: string }>>;
}

/** This machine's printers, once per name; a system list that fails leaves the CUPS queues. */
export async function listLocalPrinters({ discover, systemPrinters }: LocalPrinterSources): Promise<CupsQueue[]> {
  const [cups, system] = await Promise.all([
    discover(),
    (systemPrinters?.() ?? Promise.resolve([])).catch((error: unknown) => {
      log.warn('system printer list failed', { error: String(error) });
      return [];
    }),
  ]);
  return mergePrinterLists(cups, system);
}

/**
 * The printers a packing station's may be matched to here: those whose driver this system has. A
 * printer only the operating system lists (a Windows printer) is left out off Windows, so Setup
 * shows no match that saving would drop.
 */
export function usableLocalPrinters(queues: readonly CupsQueue[], platform: NodeJS.Platform = process.platform): CupsQueue[] {
  return queues.filter((q) => driverRefusal(driverOfDiscovered(q.source), platform) === null);
}

/**
 * The settings with a packing station's printers taken: each that matches a printer here by name
 * (the one rule Settings shows too) replaces that document type's choice; the others stay as they were.
 */
export function withStationPrinters(saved: SavedSettings, station: PackingStation, queues: readonly CupsQueue[], platform: NodeJS.Platform = process.platform): SavedSettings {
  const plan = planStationPrinters(station, queues);
  let next = saved;
  for (const choice of plan.choices) {
    // A printer only another system's driver reaches would fail every job: left for Settings.
    if (driverRefusal(choice.config.driver, platform)) {
      log.warn('packing station printer not usable on this system', { documentType: choice.documentType, driver: choice.config.driver });
      continue;
    }
    next = withPrinterChoice(next, choice.documentType, choice.config);
  }
  if (plan.notFound.length > 0) log.info('packing station printers not found here', { station: station.name, notFound: plan.notFound.map((n) => n.documentType) });
  return next;
}
