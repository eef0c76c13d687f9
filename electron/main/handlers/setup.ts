import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import type { SavedSettings } from '../config/settings-store';
import { findUser, findWarehouse, keyOwner, toUser, toWarehouse } from '../station/lookups';
import type { HandlersOf, StationContext } from './context';

/* Setup: try a backend, list what it has, save the station's choice (or give the try up). */
export function setupHandlers({ life, settings, state, acks }: Pick<StationContext, 'life' | 'settings' | 'state' | 'acks'>) {
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

    'setup.save': async (input) => {
      const target = life.setupTarget();
      const chosen = await findWarehouse(target.backend, input.warehouse);
      const chosenPacker = input.packer ? await findUser(target.backend, input.packer) : null;

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
      if (!('demo' in backend)) settings.store.writeApiKey(backend.apiKey);
      settings.save(next);
      await life.saveSetup({ warehouse: chosen, stationName: input.stationName, language: input.language, packer: chosenPacker });
      return acks.state();
    },

    'setup.cancel': async () => {
      await life.cancelSetup();
      return acks.state();
    },
  } satisfies HandlersOf<'app' | 'setup'>;
}
