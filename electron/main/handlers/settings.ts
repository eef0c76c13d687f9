import { provisionedConfigName } from '../config/station-config';
import { applySettingsUpdate, exportableConfig, settingsView } from '../config/station-settings';
import { shippingProfilesWithCarrier } from '../db/queries/shipping-profiles';
import { shelfLifeChoicesOf } from '../packing/shelf-life';
import type { HandlersOf, StationContext } from './context';

/* Settings: what the station shows of its config, a section changed, and the config export. */
export function settingsHandlers({ life, settings, events, publishState, acks }: Pick<StationContext, 'life' | 'settings' | 'events' | 'publishState' | 'acks'>) {
  return {
    'settings.get': () => settingsView(settings.file, settings.saved()),

    'settings.shippingProfiles': () => {
      const live = life.connected();
      return live ? shippingProfilesWithCarrier(live.db) : [];
    },

    'settings.shelfLifeChoices': () => {
      const live = life.connected();
      return live ? shelfLifeChoicesOf(live.db) : { tags: [], webshops: [] };
    },

    'settings.update': async (update) => {
      life.refuseInPractice();
      settings.save(applySettingsUpdate(settings.saved(), update));
      // Packing and company settings are read by the runtime as it needs them: nothing to restart.
      if (update.section === 'station') life.renameStation(update.value);
      publishState();
      events.emit('settings.changed', settingsView(settings.file, settings.saved()));
      // The queue rows carry their cut-off: the screen reads them again.
      if (update.section === 'shipping') events.emit('queue.changed', { idpicklists: [] });
      return acks.bus();
    },

    // Named as the file a fleet's stations look for next to the app (docs/desktop-app.md), so
    // the IT person copies it as it is.
    'config.export': () => ({
      filename: provisionedConfigName,
      json: `${JSON.stringify(exportableConfig(settings.file, settings.saved()), null, 2)}\n`,
    }),
  } satisfies HandlersOf<'settings' | 'config'>;
}
