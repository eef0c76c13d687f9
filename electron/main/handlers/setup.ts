import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import type { PackingStation } from '../../../shared/station-printers';
import type { SavedSettings } from '../config/settings-store';
import { readPackingStations, usableLocalPrinters, withStationPrinters } from '../printing/packing-stations';
import type { PicqerPackingStationApi } from '../picqer/types';
import { findUser, findWarehouse, keyOwner, toUser, toWarehouse } from '../station/lookups';
import type { HandlersOf, StationContext } from './context';

/** The packing station Setup chose, as Picqer lists it now; refused when Picqer no longer does. */
async function findPackingStation(api: PicqerPackingStationApi, idpackingStation: number): Promise<PackingStation> {
  const { stations } = await readPackingStations(api);
  const station = stations.find((s) => s.idpacking_station === idpackingStation);
  if (!station) throw new AppError('VALIDATION', reason('station.packingStationNotFound'));
  return station;
}

/* Setup: try a backend, list what it has, save the station's choice (or give the try up). */
export function setupHandlers({ life, settings, state, acks, localPrinters }: Pick<StationContext, 'life' | 'settings' | 'state' | 'acks' | 'localPrinters'>) {
  return {
    'app.state': () => state(),

    'setup.connect': ({ backend: input }) =>
      life.connectPending(input, async (candidate) => {
        try {
          const user = await keyOwner(candidate.api, candidate.api.baseUrl);
          const warehouses = (await candidate.api.listWarehouses({ priority: 'interactive' })).map(toWarehouse);
          return { user, warehouses };
        } catch (error) {
          if (error instanceof AppError && error.code === 'UNAUTHENTICATED') throw new AppError('UNAUTHENTICATED', reason('station.apiKeyRefused'));
          throw error;
        }
      }),

    'setup.warehouses': async () => (await life.setupBackend().api.listWarehouses({ priority: 'interactive' })).map(toWarehouse),

    'setup.users': async () => (await life.setupBackend().api.listUsers({ priority: 'interactive' })).filter((u) => u.active).map(toUser),

    'setup.packingStations': async () => {
      const [stations, queues] = await Promise.all([readPackingStations(life.setupBackend().api), localPrinters()]);
      return { ...stations, queues: usableLocalPrinters(queues) };
    },

    'setup.save': async (input) => {
      const target = life.setupTarget();
      const chosen = await findWarehouse(target.backend, input.warehouse);
      const chosenPacker = input.packer ? await findUser(target.backend, input.packer) : null;
      // Read again at the save, with the connection being saved: what Setup showed may be minutes old.
      const packingStation = input.packingStation ? await findPackingStation(target.backend.api, input.packingStation) : null;

      const backend = target.input;
      const saved = settings.saved();
      // What Settings saved (printers, packing, devices, idle minutes) stays; Setup owns the rest.
      const { packer: _previousPacker, ...keptStation } = saved.station ?? {};
      const next: SavedSettings = {
        ...saved,
        backend: 'demo' in backend ? { demo: true } : 'subdomain' in backend ? { subdomain: backend.subdomain } : { url: backend.url },
        warehouse: chosen.idwarehouse,
        station: { ...keptStation, name: input.stationName, language: input.language, ...(chosenPacker ? { packer: chosenPacker.iduser } : {}) },
      };
      // Saved with the rest, before the runtime starts, so the station prints to them from its first parcel.
      const withPrinters = packingStation ? withStationPrinters(next, packingStation, usableLocalPrinters(await localPrinters())) : next;
      if (!('demo' in backend)) settings.store.writeApiKey(backend.apiKey);
      settings.save(withPrinters);
      await life.saveSetup({ warehouse: chosen, stationName: input.stationName, language: input.language, packer: chosenPacker });
      return acks.state();
    },

    'setup.cancel': async () => {
      await life.cancelSetup();
      return acks.state();
    },
  } satisfies HandlersOf<'app' | 'setup'>;
}
