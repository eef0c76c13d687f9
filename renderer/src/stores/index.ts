import type { StoreApi } from 'zustand/vanilla';
import type { BatchSlot } from '../../../shared/batch';
import type { ApiClient } from '../api';
import { createAppStore, type AppStore } from './app';
import { createConnectionStore, type ConnectionStore } from './connection';
import { createQueueStore, type QueueStore, type QueueStoreOptions } from './queue';
import { createSetupStore, type SetupStore } from './setup';
import { createSyncStore, type SyncStore } from './sync';
import { createUsersStore, type UsersStore } from './users';
import { createHistoryStore, type HistoryStore } from './history';
import { createStatsStore, type StatsStore } from './stats';
import { createOutboxStore, type OutboxStore } from './outbox';
import { createDevicesStore, type DevicesStore } from './devices';
import { createLookalikesStore, type LookalikesStore } from './lookalikes';
import { createOnboardingStore, type OnboardingStore } from './onboarding';
import { createStationSettingsStore, type StationSettingsStore } from './station-settings';
import { createDisplayStore, type DisplayStorage, type DisplayStore } from './display';
import { localStorageOrNull } from '../scan/settings';
import { ApiError } from '../api/client';
import { createPeopleStore, type PeopleStore } from './people';
import { createPrintersStore, type PrintersStore } from './printers';
import { createProductLabelsStore, type ProductLabelsOptions, type ProductLabelsStore } from './product-labels';
import { createScanStore, type ScanStore } from './scan';
import { createSessionStore, selectWeightStop, type SessionStore } from './session';
import { createSoundStore, type SoundStore, type SoundStoreOptions } from './sound';
import { createUiStore, type UiStore } from './ui';
import { createLeadStore, type LeadStore } from './lead';
import { createScanController, type ScanController } from '../scan/controller';

export interface Stores {
  app: StoreApi<AppStore>;
  sync: StoreApi<SyncStore>;
  queue: StoreApi<QueueStore>;
  users: StoreApi<UsersStore>;
  setup: StoreApi<SetupStore>;
  connection: StoreApi<ConnectionStore>;
  session: StoreApi<SessionStore>;
  scan: StoreApi<ScanStore>;
  ui: StoreApi<UiStore>;
  history: StoreApi<HistoryStore>;
  stats: StoreApi<StatsStore>;
  outbox: StoreApi<OutboxStore>;
  people: StoreApi<PeopleStore>;
  devices: StoreApi<DevicesStore>;
  display: StoreApi<DisplayStore>;
  lookalikes: StoreApi<LookalikesStore>;
  onboarding: StoreApi<OnboardingStore>;
  stationSettings: StoreApi<StationSettingsStore>;
  printers: StoreApi<PrintersStore>;
  productLabels: StoreApi<ProductLabelsStore>;
  sound: StoreApi<SoundStore>;
  lead: StoreApi<LeadStore>;
  /** What scans and answers do: the wedge binding feeds it. */
  scanner: ScanController;
  /** Loads everything and follows main's events; returns the teardown. */
  start(): () => void;
}

export interface StoresOptions {
  queue?: QueueStoreOptions;
  sound?: SoundStoreOptions;
  productLabels?: ProductLabelsOptions;
  /** Where the display settings and the first-run checklist are kept; the browser's localStorage unless a test gives its own. */
  storage?: DisplayStorage | null;
}

export function createStores(api: ApiClient, options: StoresOptions = {}): Stores {
  const app = createAppStore(api);
  const sync = createSyncStore(api);
  const queue = createQueueStore(api, options.queue);
  const users = createUsersStore(api);
  const storage = options.storage === undefined ? localStorageOrNull() : options.storage;
  const onboarding = createOnboardingStore(storage);
  // Every Setup saved opens the first-run checklist: printers and scanner are next.
  const setup = createSetupStore(api, async (revision) => {
    await app.getState().catchUp(revision);
    onboarding.getState().open();
  });
  const connection = createConnectionStore(api);
  const session = createSessionStore(api);
  const scan = createScanStore(api);
  const ui = createUiStore();
  const history = createHistoryStore(api);
  const stats = createStatsStore(api);
  const outbox = createOutboxStore(api);
  const devices = createDevicesStore(api);
  const lookalikes = createLookalikesStore(api);
  const stationSettings = createStationSettingsStore(api);
  const display = createDisplayStore(storage);
  const people = createPeopleStore(api, (revision) => app.getState().catchUp(revision));
  const printers = createPrintersStore(api);
  const productLabels = createProductLabelsStore(api, options.productLabels);
  const sound = createSoundStore(options.sound);
  const lead = createLeadStore(api, app, ui);
  // Closing the lead's dialog without an unlock drops what waited for it.
  ui.subscribe((next, previous) => {
    if (previous.dialog?.kind === 'leadUnlock' && next.dialog?.kind !== 'leadUnlock') lead.getState().dismiss();
  });
  const scanner = createScanController({ scan, session, ui, history, sound });

  function stationKey(): string | null {
    const state = app.getState().appState;
    // Practice runs on a warehouse of its own, whatever its id: entering or leaving it reloads.
    return state?.isConfigured ? `${state.isPractice ? 'practice:' : ''}${state.warehouse?.idwarehouse ?? ''}` : null;
  }

  function start(): () => void {
    const offs = [
      app.getState().start(),
      sync.getState().start(),
      queue.getState().start(),
      session.getState().start(),
      history.getState().start(),
      outbox.getState().start(),
      printers.getState().start(),
      stationSettings.getState().start(),
      productLabels.getState().start(),
      devices.getState().start(),
      // A scan a HID or serial scanner made is answered on screen and by sound like a wedge scan.
      api.on('scan.answered', (event) => {
        if (event.answer) scanner.respond(event.answer);
        else if (event.error) {
          scan.getState().refuse(event.code, new ApiError(event.error.code, event.error.message, false, event.error.reason ?? null));
          sound.getState().play('unknown');
        }
      }),
    ];
    let loadedFor: string | null = null;

    // The queue belongs to a configured station's warehouse: read it when the station becomes
    // configured (after Setup) or moves to another warehouse, not before.
    offs.push(
      app.subscribe(() => {
        const key = stationKey();
        if (key === null || key === loadedFor) return;
        // Coming back from practice (or moving warehouse): what the screen said about the other
        // station ("Parcel P2026-00001 sent", its last answer) is not true here.
        if (loadedFor !== null) {
          session.getState().reset();
          scan.getState().clearAnswer();
        }
        loadedFor = key;
        void queue.getState().load();
        void queue.getState().loadBatches();
        void sync.getState().load();
        void session.getState().load();
        void outbox.getState().load();
      }),
    );

    // The pack screen follows the session: a picklist opened (here, by a scan, or found open after
    // a restart) shows it; one that went away (completed, left, a problem) goes back to the queue.
    offs.push(
      session.subscribe((next, previous) => {
        void lookalikes.getState().load(next.session?.idpicklist ?? null);
        // What the pack screen shows: a picklist or a batch (main never has both open).
        const id = next.session ? `picklist:${next.session.id}` : next.batch ? `batch:${next.batch.id}` : null;
        const before = previous.session ? `picklist:${previous.session.id}` : previous.batch ? `batch:${previous.batch.id}` : null;
        if (id === before) {
          // Picqer's re-read beside the open stopped this parcel (paused, cancelled, taken by
          // someone else): the packer hears it as well as sees it.
          const wasBlocked = previous.session?.alert != null || previous.session?.assignedElsewhere != null;
          const isBlocked = next.session?.alert != null || next.session?.assignedElsewhere != null;
          if (isBlocked && !wasBlocked && next.session?.state === 'packing') sound.getState().play('blocked');
          // The weight check stopped the parcel (issue 18): its own sound, once per weight that is off.
          const weightStop = selectWeightStop(next);
          if (weightStop && weightStop.weight !== selectWeightStop(previous)?.weight) sound.getState().play('weight_off');
          // The same for a slot of the batch that Picqer stopped or the outbox could not send.
          if (next.batch && previous.batch && next.batch.slots !== previous.batch.slots) {
            const stopped = (slot: BatchSlot) => slot.state === 'refused' || slot.state === 'alert';
            const wasStopped = new Set(previous.batch.slots.filter(stopped).map((slot) => slot.idpicklist));
            if (next.batch.slots.some((slot) => stopped(slot) && !wasStopped.has(slot.idpicklist))) sound.getState().play('blocked');
          }
          return;
        }
        const screen = ui.getState().screen;
        if (id !== null && screen !== 'history') ui.getState().show('pack');
        if (id === null && screen === 'pack') {
          ui.getState().show('queue');
          ui.getState().closeDialog();
        }
      }),
    );

    // A dialog in front owns the scanner too: scans main reads from HID and serial scanners wait
    // for it to close, as wedge scans do in the scan controller. The choosers take scans themselves.
    let isHolding = false;
    offs.push(
      ui.subscribe((next) => {
        const dialog = next.dialog;
        const shouldHold = dialog !== null && dialog.kind !== 'choosePicklist' && dialog.kind !== 'chooseProduct';
        if (shouldHold === isHolding) return;
        isHolding = shouldHold;
        api.invoke('scan.hold', { isHeld: shouldHold }).catch(() => undefined);
      }),
    );

    // Events sent while the socket was down are lost; after a reconnect read everything again.
    offs.push(
      api.onConnectionState((state) => {
        const wasDown = connection.getState().state === 'reconnecting';
        connection.setState({ state });
        if (state !== 'open' || !wasDown) return;
        void app.getState().load();
        void sync.getState().load();
        if (stationKey() === null) return;
        void queue.getState().load();
        void queue.getState().loadBatches();
        void session.getState().load();
        void outbox.getState().load();
        if (history.getState().hasLoaded) void history.getState().load();
      }),
    );

    void app.getState().load();
    void sync.getState().load();
    return () => {
      for (const off of offs) off();
    };
  }

  return { app, sync, queue, users, setup, connection, session, scan, ui, history, stats, outbox, people, devices, display, lookalikes, onboarding, stationSettings, printers, productLabels, sound, lead, scanner, start };
}
