import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AppState } from '../../../shared/domain';
import type { CupsQueue } from '../../../shared/printing';
import type { ScanAnswer } from '../../../shared/packing';
import { loadStationConfigFile, parseLaunchOptions, type ConfigSource, type StationConfig } from '../config/station-config';
import { createSettingsStore, type SecretCodec } from '../config/settings-store';
import { checkDatabaseDriver } from '../db/connection';
import { defaultDevicesConfig } from '../devices/config';
import type { HidPort } from '../devices/hid-port';
import { createScanHold } from '../devices/scan-hold';
import type { SerialPortPort } from '../devices/serial-port';
import { startStationDevices } from '../devices/station-devices';
import { createAcks, createHandlers } from '../handlers';
import { systemClock, type Clock } from '../infra/clock';
import { createLogger, logToFile } from '../infra/log';
import { appVersion } from '../infra/version';
import { createLookalikes } from '../packing/lookalikes';
import { createScanRouter } from '../packing/scan-router';
import { isPackerActivity } from '../people/activity';
import { createBadgeSigner } from '../people/badge-signature';
import { listLocalPrinters } from '../printing/packing-stations';
import { defaultDiscover } from '../printing/print-service';
import { createShiftLead } from '../people/shift-lead';
import { createDispatcher, type Dispatch, type Handlers } from '../transport/dispatch';
import { createEventBus, type EventBus } from '../transport/events';
import type { DemoAddress } from './backend';
import { createLifecycle } from './lifecycle';
import { createSavedConfig } from './saved-config';

export { personName } from './lookups';

/*
 * The composition root: reads the station config, starts the lifecycle (backend, cache, runtime),
 * the devices and the scan router, and answers the contract's commands with the handlers of each
 * domain (handlers/). Everything it builds is passed in, never reached for, so tests build a
 * station on a temp dir and the demo backend.
 */

const log = createLogger('station');

export interface StartStationOptions {
  argv: string[];
  env: NodeJS.ProcessEnv;
  mode: 'electron' | 'web';
  /** Electron's safeStorage; without it the API key is kept in a file only this user can read. */
  secrets?: SecretCodec;
  clock?: Clock;
  /** The printers the operating system lists (Electron's getPrintersAsync); none in browser mode. */
  systemPrinters?: () => Promise<Array<{ name: string; description?: string }>>;
  /** This machine's CUPS queues, or on Windows the printers Windows lists; lpstat or Windows's list when absent. */
  discoverPrinters?: () => Promise<CupsQueue[]>;
  /** USB HID and serial access for scanners and scales; node-hid and serialport when absent. */
  devicePorts?: { hid: HidPort; serial: SerialPortPort };
  /** The data dir's embedded demo started (at start-up or from Setup): the CLI prints where it is. */
  onDemoStarted?: (address: DemoAddress) => void;
  /** The installed desktop app's folders, where a provisioned `packdesk-station.json` is looked for (installDirs); none in browser mode. */
  appDirs?: readonly string[];
  /** The computer's name: a provisioned station whose file names no station takes it (os.hostname() when absent). */
  hostName?: string;
}

export interface StartedStation {
  dispatch: Dispatch;
  events: EventBus;
  handlers: Handlers;
  dataDir: string;
  state(): AppState;
  /** The signed badge code of a user of the account the station runs on, as the badge sheet prints it. */
  signBadge(iduser: number): string;
  stop(): Promise<void>;
}

/**
 * One config file copied to a fleet (PACKDESK_CONFIG, or next to the app) leaves each station's
 * name out, as `config.export` does: a station it fully sets up (backend and warehouse) is named
 * after its computer, so it opens ready to pack instead of on Setup; Settings renames it.
 */
function provisionedName(source: ConfigSource, file: StationConfig, hostName = hostname()): string | null {
  const isFleetFile = source === 'env' || source === 'app-dir';
  return isFleetFile && file.backend && file.warehouse && hostName.trim() ? hostName.trim() : null;
}

export async function startStation(options: StartStationOptions): Promise<StartedStation> {
  const launch = parseLaunchOptions(options.argv, options.env, options.appDirs);
  const { dataDir } = launch;
  const clock = options.clock ?? systemClock;
  mkdirSync(dataDir, { recursive: true });
  await logToFile(join(dataDir, 'logs', 'packdesk.log'));
  checkDatabaseDriver();
  const settings = createSavedConfig(loadStationConfigFile(launch.configPath), createSettingsStore(dataDir, options.secrets), dataDir);
  const { file } = settings;
  const saved = settings.saved();
  if (launch.configPath) log.info('station config', { source: launch.configSource, path: launch.configPath });
  const events = createEventBus();

  const state = (): AppState => ({ version: appVersion, mode: options.mode, ...life.view(), lead: lead.state() });
  const publishState = () => events.emit('app.state', state());
  const lead = createShiftLead({ dataDir, clock, isConfigured: () => life.isConfigured(), onChange: publishState });
  const life = createLifecycle({
    dataDir,
    clock,
    events,
    onDemoStarted: options.onDemoStarted,
    config: settings.config,
    configFor: settings.configFor,
    station: { name: saved.station?.name ?? file.station?.name ?? provisionedName(launch.configSource, file, options.hostName), language: saved.station?.language ?? file.station?.language ?? 'en' },
    onChange: publishState,
    onSignOut: () => lead.lock(),
  });
  await life.start({
    backend: settings.chooseBackend(),
    warehouse: saved.warehouse ?? file.warehouse ?? null,
    packer: saved.station?.packer ?? file.station?.packer,
    isFirstLook: !saved.backend && !file.backend,
  });

  // The live station's account, also while practice runs on a demo of its own. Signed once here,
  // so a secret to make (or rotate) is made at start, not at the first scan.
  const badges = createBadgeSigner({ dataDir, rotate: launch.shouldRotateBadgeSecret, identity: life.liveIdentity });
  badges.sign(1);
  const router = createScanRouter({
    db: () => life.connected()?.db ?? null,
    pack: () => life.runtime()?.pack ?? null,
    clock,
    stationName: () => life.stationName() ?? '',
    packer: life.packer,
    badges: { verify: badges.verify, signIn: life.signIn },
  });

  const scanHold = createScanHold(clock);
  // Devices start before the command table exists; a scan read meanwhile waits for it.
  let resolveDispatch: (dispatch: Dispatch) => void = () => undefined;
  const dispatchReady = new Promise<Dispatch>((resolve) => (resolveDispatch = resolve));
  const devices = await startStationDevices({
    config: settings.config().devices ?? defaultDevicesConfig(),
    ports: options.devicePorts,
    clock,
    // Through the dispatcher, as a wedge scan comes: the same input checks, errors and idle count.
    // Held while the screen has a dialog open: never acted on unseen behind it.
    onScan: (input, device) =>
      scanHold.pass(async () => {
        const result = await (await dispatchReady)('scan.submit', input);
        events.emit('scan.answered', {
          code: input.code,
          source: input.source,
          device,
          answer: result.ok ? (result.value as ScanAnswer) : null,
          error: result.ok ? null : result.error,
        });
      }),
    onWeight(weight) {
      // A settled weight fills the open parcel's weight; the packer can still type another.
      const pack = life.runtime()?.pack;
      if (!pack?.current()) return;
      try {
        pack.setShipping({ weight: Math.max(1, Math.round(weight.grams)) });
      } catch (error) {
        log.warn('scale weight not applied', { error: String(error) });
      }
    },
    onChange: (list) => events.emit('devices.changed', list),
  });

  const handlers: Handlers = createHandlers({
    clock,
    events,
    life,
    settings,
    lead,
    badges,
    router,
    scanHold,
    lookalikes: createLookalikes(() => life.connected()?.db ?? null, clock),
    devices,
    localPrinters: () => listLocalPrinters({ discover: options.discoverPrinters ?? (() => defaultDiscover()), systemPrinters: options.systemPrinters }),
    state,
    publishState,
    acks: createAcks(events, publishState, life),
  });

  const dispatch = createDispatcher(handlers, (name) => {
    if (isPackerActivity(name)) life.touch();
    // Checked here in main, whatever the screen shows: its lock is only a courtesy.
    return lead.guard(name, life.packer());
  });
  resolveDispatch(dispatch);
  return {
    dispatch,
    events,
    handlers,
    dataDir,
    state,
    signBadge: badges.sign,
    async stop() {
      await devices.stop();
      await life.stop();
    },
  };
}
