import { reason } from '../../../shared/reasons';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { BackendInput, CommandInput } from '../../../shared/contract';
import type { AppState, Language, Person, SyncStatus, User, Warehouse } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { connectBackend, type BackendConnection, type DemoAddress } from './backend';
import { systemClock, type Clock } from '../infra/clock';
import { documentTypes } from '../../../shared/printing';
import { loadStationConfigFile, parseLaunchOptions, withDemoPrinters, type StationConfig } from '../config/station-config';
import { openDatabase } from '../db/connection';
import { listQueue } from '../db/queries/queue';
import { getUser, getUsers, getWarehouse } from '../db/queries/reference-data';
import { createIdleSignOut } from '../people/idle';
import { createSignedInMemory } from '../people/signed-in';
import { renderBadgeSheet } from '../people/badges';
import { isPackerActivity } from '../people/activity';
import { scanAnswerOf, type CommandAck, type ScanAnswer } from '../../../shared/packing';
import { badgeRefusedAnswer, createBadgeSigner } from '../people/badge-signature';
import { createShiftLead } from '../people/shift-lead';
import { isCommandName } from '../../../shared/contract';
import { languages } from '../../../shared/domain';
import { submitCheckedScan } from '../packing/scan-guard';
import { normaliseScanInput } from '../packing/scan-input';
import { createLookalikes } from '../packing/lookalikes';
import { renderScannerTestSheet, scannerTestSheetFilename } from '../documents/scanner-test-sheet';
import { applySettingsUpdate, effectiveConfig, exportableConfig, settingsView } from '../config/station-settings';
import { closePractice, openPractice, practiceScore, type PracticeWorld } from './practice';
import { defaultDevicesConfig } from '../devices/config';
import type { HidPort } from '../devices/hid-port';
import type { SerialPortPort } from '../devices/serial-port';
import { createScanHold } from '../devices/scan-hold';
import { startStationDevices } from '../devices/station-devices';
import { createDispatcher, type Dispatch, type Handlers } from '../transport/dispatch';
import { createEventBus, type EventBus } from '../transport/events';
import { createLogger, logToFile } from '../infra/log';
import { isPicqerError } from '../picqer/errors';
import type { PicqerApi, PicqerUser, PicqerWarehouse } from '../picqer/types';
import { createSettingsStore, type SavedSettings, type SecretCodec, type SettingsStore } from '../config/settings-store';
import { createRuntime, requireRuntime, type Runtime } from './runtime';
import { effectivePrinters, mergePrinterLists, withPrinterChoice, withSources } from '../config/printer-settings';
import { getProductSummary, searchProducts } from '../db/queries/products';
import { statsCsv } from '../stats/csv';
import { statsSummary } from '../stats/summary';
import { appVersion } from '../infra/version';

/*
 * The composition root: reads the station config, connects the backend, opens the cache, starts
 * sync and answers the contract's commands. Everything it builds is passed in, never reached for,
 * so tests build a station on a temp dir and the demo backend.
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
  /** USB HID and serial access for scanners and scales; node-hid and serialport when absent. */
  devicePorts?: { hid: HidPort; serial: SerialPortPort };
  /** The data dir's embedded demo started (at start-up or from Setup): the CLI prints where it is. */
  onDemoStarted?: (address: DemoAddress) => void;
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

interface Connected {
  input: BackendInput;
  backend: BackendConnection;
  db: Database.Database;
}

const offlineStatus = (message: string): SyncStatus => ({ state: 'offline', progress: null, lastSyncedAt: null, message });
const idleStatus: SyncStatus = { state: 'idle', progress: null, lastSyncedAt: null, message: null };

/**
 * Who the API key belongs to, for "Connected as ...". Picqer's docs do not promise that
 * /users/me answers for an API key (a key is no user in Picqer), so when it does not, the
 * warehouses decide whether the key works and the account's host names the connection.
 */
async function keyOwner(api: PicqerApi, baseUrl: string): Promise<{ iduser: number; name: string }> {
  try {
    const me = await api.getMe({ priority: 'interactive' });
    return { iduser: me.iduser, name: personName(me) };
  } catch (error) {
    const status = isPicqerError(error) ? error.httpStatus : null;
    if (status === null || status < 400 || status >= 500 || status === 429) throw error;
    // A bad key fails here too, and the caller's UNAUTHENTICATED message says so.
    await api.listWarehouses({ priority: 'interactive' });
    return { iduser: 0, name: new URL(baseUrl).host };
  }
}

export function personName(user: Pick<PicqerUser, 'firstname' | 'lastname' | 'username'>): string {
  const full = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
  return full || user.username;
}

function toUser(user: PicqerUser): User {
  return { iduser: user.iduser, name: personName(user), username: user.username, language: user.language, isActive: user.active };
}

function toWarehouse(warehouse: PicqerWarehouse): Warehouse {
  return { idwarehouse: warehouse.idwarehouse, name: warehouse.name, isActive: warehouse.active };
}

/** The backend the station uses: what Setup saved, else the config file, else the demo. */
function chooseBackend(file: StationConfig, saved: SavedSettings, settings: SettingsStore): BackendInput {
  const backend = saved.backend;
  if (backend && 'demo' in backend) return { demo: true };
  if (backend) {
    const apiKey = settings.readApiKey();
    if (apiKey) return 'subdomain' in backend ? { subdomain: backend.subdomain, apiKey } : { url: backend.url, apiKey };
    log.warn('saved backend has no API key; falling back to the config file');
  }
  return file.backend ?? { demo: true };
}

export async function startStation(options: StartStationOptions): Promise<StartedStation> {
  const launch = parseLaunchOptions(options.argv, options.env);
  const clock = options.clock ?? systemClock;
  mkdirSync(launch.dataDir, { recursive: true });
  logToFile(join(launch.dataDir, 'logs', 'packdesk.log'));
  const fileConfig = loadStationConfigFile(launch.configPath);
  const settings = createSettingsStore(launch.dataDir, options.secrets);
  let saved = settings.load();
  /** The config in force: the file with what Setup and Settings saved over it. Read on hot paths, so kept, not rebuilt. */
  let config = effectiveConfig(fileConfig, saved);
  const save = (next: SavedSettings) => {
    settings.save(next);
    saved = next;
    config = effectiveConfig(fileConfig, saved);
  };
  const events = createEventBus();

  let connected: Connected | null = null;
  let pending: { input: BackendInput; backend: BackendConnection } | null = null;
  let runtime: Runtime | null = null;
  let syncStatus: SyncStatus = idleStatus;
  let warehouse: Warehouse | null = null;
  let packer: Person | null = null;
  let stationName: string | null = saved.station?.name ?? fileConfig.station?.name ?? null;
  let stationLanguage: Language = saved.station?.language ?? fileConfig.station?.language ?? 'en';
  /** The signed-in packer's Picqer language when Packdesk speaks it; the station's otherwise. */
  let packerLanguage: Language | null = null;
  const currentLanguage = (): Language => packerLanguage ?? stationLanguage;

  const state = (): AppState => ({
    version: appVersion,
    mode: options.mode,
    backend: connected ? { kind: connected.backend.kind, label: connected.backend.label } : null,
    isDemo: connected?.backend.kind === 'demo',
    isPractice: practice !== null,
    isConfigured: Boolean(connected && warehouse && stationName),
    warehouse,
    stationName,
    language: currentLanguage(),
    packer,
    lead: lead.state(),
  });
  const publishState = () => events.emit('app.state', state());
  const lead = createShiftLead({ dataDir: launch.dataDir, clock, isConfigured: () => state().isConfigured, onChange: publishState });

  /** Who packed last: a picklist left open by an idle sign-out is handed over from them. */
  let lastPacker: Person | null = null;
  const signOut = () => {
    // The unlock lasts until the packer signs out: the next one at the station is asked again.
    lead.lock();
    packer = null;
    signedIn.forget();
    packerLanguage = null;
    publishState();
  };
  const idleMinutes = () => config.station?.idleSignOutMinutes ?? (config.station?.packer ? 0 : 15);
  // Declared before `connected` is assigned; it reads the live one on every call.
  const signedIn = createSignedInMemory({ db: () => (practice ? null : (connected?.db ?? null)), now: () => clock.now() });
  const idle = createIdleSignOut({
    clock,
    idleMinutes,
    isSignedIn: () => packer !== null,
    signOut: () => {
      log.info('packer signed out after being idle', { iduser: packer?.iduser });
      signOut();
    },
  });

  const open = async (input: BackendInput): Promise<Connected> => {
    const backend = await connectBackend(input, clock, { dataDir: launch.dataDir, onDemoStarted: options.onDemoStarted });
    const db = openDatabase(join(launch.dataDir, `cache-${backend.identity}.sqlite`));
    return { input, backend, db };
  };

  const close = async (target: Connected | null) => {
    if (!target) return;
    target.db.close();
    await target.backend.close();
  };

  /** Practice mode's world, and the live station's state it set aside. */
  let practice: { world: PracticeWorld; live: { connected: Connected | null; warehouse: Warehouse | null; packer: Person | null; packerLanguage: Language | null } } | null = null;
  const refuseInPractice = () => {
    if (practice) throw new AppError('CONFLICT', reason('station.endPracticeFirst'));
  };

  const stopRuntime = async () => {
    const running = runtime;
    runtime = null;
    if (running) await running.stop();
  };

  /** The printers in force: on the demo, folders under the data dir fill in where none is set. */
  const printersFor = (backend: BackendConnection, printers: StationConfig['printers']): StationConfig['printers'] =>
    backend.kind === 'demo' ? withDemoPrinters(printers, saved.printers, launch.dataDir) : printers;

  /** `config` with the demo's printers filled in; kept while `config` is the same object (read on hot paths). */
  let filled: { from: StationConfig; value: StationConfig } | null = null;
  const configFor = (backend: BackendConnection): StationConfig => {
    if (backend.kind !== 'demo') return config;
    if (filled?.from !== config) filled = { from: config, value: { ...config, printers: printersFor(backend, config.printers) } };
    return filled.value;
  };

  /** Where each printer in force comes from; on the demo, a type nobody set is the demo's folder. */
  const printerSources = () => {
    const { printers, sources } = effectivePrinters(fileConfig.printers, saved.printers);
    if (connected?.backend.kind !== 'demo') return sources;
    const inForce = printersFor(connected.backend, printers) ?? {};
    const withDemo = { ...sources };
    for (const type of documentTypes) if (withDemo[type] === null && inForce[type]) withDemo[type] = 'demo';
    return withDemo;
  };

  const startRuntime = () => {
    if (!connected || !warehouse) return;
    const backend = connected.backend;
    runtime = createRuntime({
      db: connected.db,
      api: connected.backend.api,
      clock,
      events,
      dataDir: practice?.world.dir ?? launch.dataDir,
      idwarehouse: warehouse.idwarehouse,
      config: () => practice?.world.config ?? configFor(backend),
      stationName: () => stationName ?? '',
      packer: () => packer,
      language: currentLanguage,
    });
    runtime.start();
  };

  const findWarehouse = async (backend: BackendConnection, idwarehouse: number): Promise<Warehouse> => {
    const all = await backend.api.listWarehouses({ priority: 'interactive' });
    const found = all.find((w) => w.idwarehouse === idwarehouse);
    if (!found) throw new AppError('VALIDATION', reason('station.warehouseNotFound', { idwarehouse }));
    return toWarehouse(found);
  };

  /** The packer as a Person and their language; the cache first, so signing in works offline. */
  const signIn = async (iduser: number): Promise<Person> => {
    if (!connected) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
    const cached = getUser(connected.db, iduser);
    if (cached && !cached.isActive) throw new AppError('VALIDATION', reason('station.userNotActive', { name: cached.name }));
    const person = cached ? { iduser: cached.iduser, name: cached.name } : await findUser(connected.backend, iduser);
    const spoken = cached?.language ?? null;
    packerLanguage = (languages as readonly string[]).includes(spoken ?? '') ? (spoken as Language) : null;
    const previous = packer ?? lastPacker;
    packer = person;
    lastPacker = person;
    idle.touch();
    signedIn.remember(person);
    publishState();
    // Another packer continues an open picklist: it is assigned to them in Picqer, or the re-check
    // before the shipment would stop the parcel as "assigned to someone else".
    const open = runtime?.pack.current() ?? null;
    if (open && previous && previous.iduser !== person.iduser && !practice) {
      await runtime?.pack.open(open.idpicklist, { takeOver: true });
    }
    return person;
  };

  const findUser = async (backend: BackendConnection, iduser: number): Promise<Person> => {
    const users = await backend.api.listUsers({ priority: 'interactive' });
    const found = users.find((u) => u.iduser === iduser);
    if (!found) throw new AppError('NOT_FOUND', reason('station.userNotFound', { iduser }));
    return { iduser: found.iduser, name: personName(found) };
  };

  // Start-up: connect what is configured. A backend that cannot be reached yet still starts the
  // station on its cache; sync reports offline and retries by itself.
  connected = await open(chooseBackend(fileConfig, saved, settings));
  const configuredWarehouse = saved.warehouse ?? fileConfig.warehouse ?? null;
  // Names the cache already holds are taken from it, so a station with a synced cache shows its
  // queue without waiting on Picqer (start-up benchmark, README). Sync's hourly reference refresh
  // keeps them current; only a first start asks Picqer, and so checks the configured ids.
  const cachedWarehouse = configuredWarehouse ? getWarehouse(connected.db, configuredWarehouse) : null;
  const configuredPacker = saved.station?.packer ?? fileConfig.station?.packer;
  const cachedPacker = configuredPacker ? getUser(connected.db, configuredPacker) : null;
  try {
    if (cachedWarehouse) {
      warehouse = cachedWarehouse;
    } else if (configuredWarehouse) {
      warehouse = await findWarehouse(connected.backend, configuredWarehouse);
    } else if (connected.backend.kind === 'demo' && !saved.backend && !fileConfig.backend) {
      // A station started with no configuration at all opens straight onto the demo warehouse,
      // so a first look needs no setup; Setup connects it to Picqer when the time comes.
      const first = (await connected.backend.api.listWarehouses({ priority: 'interactive' })).find((w) => w.active);
      if (first) warehouse = toWarehouse(first);
      stationName ??= 'Demo station';
    }
    if (cachedPacker) packer = { iduser: cachedPacker.iduser, name: cachedPacker.name };
    else if (configuredPacker) packer = await findUser(connected.backend, configuredPacker);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION') throw error;
    log.warn('backend not reachable at start', { code: error instanceof AppError ? error.code : 'INTERNAL' });
    if (configuredWarehouse) warehouse = { idwarehouse: configuredWarehouse, name: `Warehouse ${configuredWarehouse}`, isActive: true };
    syncStatus = offlineStatus('Picqer could not be reached at start; working from the cache.');
  }
  // The packer signed in before a restart is signed in again, unless the idle limit passed since
  // they last did something; the idle count then goes on from that moment, not from the restart.
  const recalled = packer === null ? signedIn.recall(idleMinutes()) : null;
  if (recalled) {
    const cached = getUser(connected.db, recalled.person.iduser);
    if (!cached || cached.isActive) {
      packer = recalled.person;
      lastPacker = recalled.person;
      const spoken = cached?.language ?? null;
      packerLanguage = (languages as readonly string[]).includes(spoken ?? '') ? (spoken as Language) : null;
    } else {
      signedIn.forget();
    }
  }
  startRuntime();

  // The live station's account, also while practice runs on a demo of its own. Signed once here,
  // so a secret to make (or rotate) is made at start, not at the first scan.
  const badges = createBadgeSigner({ dataDir: launch.dataDir, rotate: launch.shouldRotateBadgeSecret, identity: () => (practice?.live.connected ?? connected)?.backend.identity ?? 'demo' });
  badges.sign(1);

  const backendFor = () => {
    const backend = pending?.backend ?? connected?.backend;
    if (!backend) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
    return backend;
  };

  /**
   * A station command's acknowledgement: the app state it left goes out as app.state first, and
   * the answer carries that event's revision, never a copy of the state.
   */
  const stateAck = (): CommandAck => {
    publishState();
    return busAck();
  };

  /** The acknowledgement of a command whose state went out as an event just before: that event's revision. */
  const busAck = (): CommandAck => ({ outcome: 'done', reason: null, revision: events.revision() });

  /** A pack command's acknowledgement: what it did and the session revision it left (the session itself went out as session.changed). */
  const packAck = async (run: () => unknown, outcome: CommandAck['outcome']): Promise<CommandAck> => {
    await run();
    return { outcome, reason: null, revision: runtime?.pack.revision() ?? 0 };
  };

  /** A checked scan: a badge signs in, the rest is packing. */
  const routeScan = async (input: CommandInput<'scan.submit'>): Promise<ScanAnswer> => {
    const badge = badges.verify(input.code);
    if (badge === null) return requireRuntime(runtime).pack.submitScan(input);
    if (!badge.ok) return badgeRefusedAnswer(input.code, badge, runtime?.pack.revision() ?? 0);
    const person = await signIn(badge.iduser);
    return scanAnswerOf({ kind: 'signed_in', code: input.code, name: person.name, revision: runtime?.pack.revision() ?? 0 });
  };

  /**
   * Every scan, from the renderer's wedge or a scanner main reads, passes the gate first: an
   * empty, overlong or garbled one is refused in words and never reaches a badge or the pack loop.
   */
  const submitScan = (input: CommandInput<'scan.submit'>): Promise<ScanAnswer> =>
    submitCheckedScan({ submitScan: routeScan, current: () => runtime?.pack.current() ?? null, revision: () => runtime?.pack.revision() ?? 0 }, normaliseScanInput(input), {
      db: connected?.db ?? null,
      clock,
      stationName: () => stationName ?? '',
      packer: () => packer,
    });

  const lookalikes = createLookalikes(() => connected?.db ?? null, clock);

  const scanHold = createScanHold(clock);
  // Devices start before the command table exists; a scan read meanwhile waits for it.
  let resolveDispatch: (dispatch: Dispatch) => void = () => undefined;
  const dispatchReady = new Promise<Dispatch>((resolve) => (resolveDispatch = resolve));
  const devices = await startStationDevices({
    config: config.devices ?? defaultDevicesConfig(),
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
      if (!runtime?.pack.current()) return;
      try {
        runtime.pack.setShipping({ weight: Math.max(1, Math.round(weight.grams)) });
      } catch (error) {
        log.warn('scale weight not applied', { error: String(error) });
      }
    },
    onChange: (list) => events.emit('devices.changed', list),
  });

  const handlers = {
    'app.state': () => state(),

    'setup.connect': async ({ backend: input }: CommandInput<'setup.connect'>) => {
      refuseInPractice();
      const candidate = await connectBackend(input, clock, { dataDir: launch.dataDir, onDemoStarted: options.onDemoStarted });
      try {
        const user = await keyOwner(candidate.api, candidate.api.baseUrl);
        const warehouses = (await candidate.api.listWarehouses({ priority: 'interactive' })).map(toWarehouse);
        if (pending) await pending.backend.close();
        pending = { input, backend: candidate };
        return { user, warehouses };
      } catch (error) {
        await candidate.close();
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
          throw new AppError('UNAUTHENTICATED', reason('station.apiKeyRefused'));
        }
        throw error;
      }
    },

    'setup.warehouses': async () => (await backendFor().api.listWarehouses({ priority: 'interactive' })).map(toWarehouse),

    'setup.users': async () =>
      (await backendFor().api.listUsers({ priority: 'interactive' })).filter((u) => u.active).map(toUser),

    'setup.save': async (input: CommandInput<'setup.save'>) => {
      refuseInPractice();
      const target = pending ?? (connected ? { input: connected.input, backend: connected.backend } : null);
      if (!target) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
      const chosen = await findWarehouse(target.backend, input.warehouse);
      const chosenPacker = input.packer ? await findUser(target.backend, input.packer) : null;

      const input0 = target.input;
      // What Settings saved (printers, packing, devices, idle minutes) stays; Setup owns the rest.
      const { packer: _previousPacker, ...keptStation } = saved.station ?? {};
      const nextSaved: SavedSettings = {
        ...saved,
        backend: 'demo' in input0 ? { demo: true } : 'subdomain' in input0 ? { subdomain: input0.subdomain } : { url: input0.url },
        warehouse: chosen.idwarehouse,
        station: { ...keptStation, name: input.stationName, language: input.language, ...(chosenPacker ? { packer: chosenPacker.iduser } : {}) },
      };
      if (!('demo' in input0)) settings.writeApiKey(input0.apiKey);
      save(nextSaved);

      await stopRuntime();
      if (pending) {
        // The new backend replaces the old one; its own cache file keeps the ids apart.
        const previous = connected;
        const backend = pending.backend;
        pending = null;
        connected = { input: target.input, backend, db: openDatabase(join(launch.dataDir, `cache-${backend.identity}.sqlite`)) };
        await close(previous);
      }
      warehouse = chosen;
      stationName = input.stationName;
      stationLanguage = input.language;
      packer = chosenPacker;
      syncStatus = idleStatus;
      startRuntime();
      return stateAck();
    },

    'setup.cancel': async () => {
      const abandoned = pending;
      pending = null;
      if (abandoned) await abandoned.backend.close();
      return stateAck();
    },

    // Packers sign in to the backend the station runs on, never to one Setup is only trying.
    'packer.signIn': async ({ iduser }: CommandInput<'packer.signIn'>) => {
      await signIn(iduser);
      return stateAck();
    },

    'packer.signOut': () => {
      signOut();
      return stateAck();
    },

    'lead.unlock': async (input: CommandInput<'lead.unlock'>) => {
      if ('pin' in input) {
        lead.unlockWithPin(input.pin, packer);
        return stateAck();
      }
      const badge = badges.verify(input.badge);
      if (!badge?.ok) {
        log.warn('refused a badge offered to unlock', { refusal: badge?.refusal ?? 'not_a_badge', iduser: badge?.iduser ?? null });
        throw new AppError('FORBIDDEN', reason('badge.invalid'));
      }
      const cached = connected ? getUser(connected.db, badge.iduser) : null;
      lead.unlockWithBadge(cached ? { iduser: cached.iduser, name: cached.name } : await findUser(backendFor(), badge.iduser));
      return stateAck();
    },
    'lead.lock': () => {
      lead.lock();
      return stateAck();
    },
    'lead.configure': (input: CommandInput<'lead.configure'>) => {
      lead.configure(input, packer);
      return stateAck();
    },

    'settings.get': () => settingsView(fileConfig, saved),

    'settings.update': async (update: CommandInput<'settings.update'>) => {
      refuseInPractice();
      const next = applySettingsUpdate(saved, update);
      save(next);
      // Packing and company settings are read by the runtime as it needs them: nothing to restart.
      if (update.section === 'station') {
        stationName = update.value.name ?? stationName;
        stationLanguage = update.value.language ?? stationLanguage;
      }
      publishState();
      events.emit('settings.changed', settingsView(fileConfig, saved));
      return busAck();
    },

    'config.export': () => ({
      filename: `packdesk-station${warehouse ? `-${warehouse.idwarehouse}` : ''}.json`,
      json: `${JSON.stringify(exportableConfig(fileConfig, saved), null, 2)}\n`,
    }),

    'practice.start': async () => {
      if (practice) return stateAck();
      const world = await openPractice({ dataDir: launch.dataDir, clock, config, traineeName: packer?.name ?? null });
      await stopRuntime();
      practice = { world, live: { connected, warehouse, packer, packerLanguage } };
      connected = { input: { demo: true }, backend: world.backend, db: world.db };
      warehouse = world.warehouse;
      packer = world.packer;
      startRuntime();
      await runtime?.sync.syncNow();
      return stateAck();
    },

    'practice.stop': async () => {
      const current = practice;
      if (!current) throw new AppError('CONFLICT', reason('station.practiceNotOn'));
      const score = practiceScore(current.world.db, clock, current.world.startedAt);
      await stopRuntime();
      await closePractice(current.world);
      practice = null;
      ({ connected, warehouse, packer, packerLanguage } = current.live);
      startRuntime();
      publishState();
      return score;
    },

    'packer.badges': async ({ iduser }: CommandInput<'packer.badges'>) => {
      if (!connected) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
      const users = getUsers(connected.db, { activeOnly: true }).filter((u) => iduser === undefined || u.iduser === iduser);
      if (users.length === 0) throw new AppError('NOT_FOUND', iduser === undefined ? reason('station.noActiveUsers') : reason('station.userNotFound', { iduser }));
      const pdf = await renderBadgeSheet(users, currentLanguage(), badges.sign);
      return { filename: iduser === undefined ? 'packdesk-badges.pdf' : `packdesk-badge-${iduser}.pdf`, pdfBase64: pdf.toString('base64') };
    },

    'queue.list': ({ search }: CommandInput<'queue.list'>) => {
      if (!connected || !warehouse) throw new AppError('NOT_CONFIGURED', reason('station.chooseWarehouseFirst'));
      return listQueue(connected.db, { idwarehouse: warehouse.idwarehouse, search });
    },

    'sync.status': () => runtime?.sync.status() ?? syncStatus,
    'sync.now': async () => {
      events.emit('sync.status', await requireRuntime(runtime).sync.syncNow());
      return busAck();
    },

    'scan.submit': (input: CommandInput<'scan.submit'>) => submitScan(input),
    'scan.hold': ({ isHeld }: CommandInput<'scan.hold'>) => {
      scanHold.set(isHeld);
      return null;
    },
    'pack.open': ({ idpicklist, takeOver }: CommandInput<'pack.open'>) => requireRuntime(runtime).pack.open(idpicklist, { takeOver }),
    'pack.current': () => ({ revision: runtime?.pack.revision() ?? 0, session: runtime?.pack.current() ?? null }),
    'pack.lookalikes': ({ idpicklist }: CommandInput<'pack.lookalikes'>) => lookalikes.forPicklist(idpicklist),
    'pack.choose': ({ idproduct }: CommandInput<'pack.choose'>) => requireRuntime(runtime).pack.choose(idproduct),
    'pack.undo': () => requireRuntime(runtime).pack.undo(),
    'pack.confirmLine': (input: CommandInput<'pack.confirmLine'>) => requireRuntime(runtime).pack.confirmLine(input),
    'pack.setShipping': (input: CommandInput<'pack.setShipping'>) => packAck(() => requireRuntime(runtime).pack.setShipping(input), 'done'),
    'pack.shippingMethods': () => packAck(() => requireRuntime(runtime).pack.shippingMethods(), 'done'),
    'pack.complete': () => packAck(() => requireRuntime(runtime).pack.complete(), 'handed_over'),
    'pack.problem': (input: CommandInput<'pack.problem'>) => packAck(() => requireRuntime(runtime).pack.problem(input), 'problem_reported'),
    'pack.leave': () => packAck(() => requireRuntime(runtime).pack.leave(), 'left'),

    'history.list': () => requireRuntime(runtime).history.list(),
    'history.cancelShipment': async ({ idpicklist, reason: why }: CommandInput<'history.cancelShipment'>) => {
      await requireRuntime(runtime).history.cancel(idpicklist, why);
      events.emit('history.changed', { idpicklist });
      return busAck();
    },
    'history.reprint': ({ idpicklist, document }: CommandInput<'history.reprint'>) => {
      requireRuntime(runtime).history.reprint(idpicklist, document);
      events.emit('history.changed', { idpicklist });
      return busAck();
    },
    // Stats read only the cache's own records, so they answer without a running warehouse too.
    'stats.summary': (query: CommandInput<'stats.summary'>) => {
      if (!connected) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
      return statsSummary(connected.db, query, { clock });
    },
    'stats.exportCsv': (query: CommandInput<'stats.exportCsv'>) => {
      if (!connected) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
      return statsCsv(connected.db, query, { clock, stationName });
    },
    'history.document': ({ idpicklist, document }: CommandInput<'history.document'>) => requireRuntime(runtime).history.document(idpicklist, document),
    'outbox.status': () => requireRuntime(runtime).outbox.status(),
    'outbox.problems': () => requireRuntime(runtime).outbox.problems(),
    'outbox.retry': ({ id }: CommandInput<'outbox.retry'>) => {
      events.emit('outbox.problems', requireRuntime(runtime).outbox.retry(id));
      return busAck();
    },
    'outbox.discard': ({ id }: CommandInput<'outbox.discard'>) => {
      events.emit('outbox.problems', requireRuntime(runtime).outbox.discard(id, packer?.name ?? stationName));
      return busAck();
    },
    'commands.sheet': () => requireRuntime(runtime).commandSheet(),
    'printers.list': async () => withSources(await requireRuntime(runtime).printers.list(), printerSources()),
    'printers.test': ({ documentType }: CommandInput<'printers.test'>) => requireRuntime(runtime).printers.test(documentType),
    'printers.discover': async () => {
      const [cups, system] = await Promise.all([
        requireRuntime(runtime).printers.discover(),
        (options.systemPrinters?.() ?? Promise.resolve([])).catch((error: unknown) => {
          log.warn('system printer list failed', { error: String(error) });
          return [];
        }),
      ]);
      return mergePrinterLists(cups, system);
    },
    'printers.set': async (input: CommandInput<'printers.set'>) => {
      refuseInPractice();
      const running = requireRuntime(runtime);
      const next = withPrinterChoice(saved, input.documentType, 'useFile' in input ? 'file' : input.printer);
      save(next);
      const { printers } = effectivePrinters(fileConfig.printers, saved.printers);
      running.printing.setPrinters(connected ? printersFor(connected.backend, printers) : printers);
      events.emit('printers.changed', withSources(await running.printers.list(), printerSources()));
      return busAck();
    },
    'products.search': ({ query }: CommandInput<'products.search'>) => {
      if (!connected) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
      return searchProducts(connected.db, query);
    },
    'products.printLabel': async ({ idproduct, copies }: CommandInput<'products.printLabel'>) => {
      const running = requireRuntime(runtime);
      const product = connected ? getProductSummary(connected.db, idproduct) : null;
      if (!product) throw new AppError('NOT_FOUND', reason('station.productNotCached'));
      return running.printing.printProductLabel(product, copies);
    },
    'devices.list': () => devices.list(),
    'scanner.testSheet': async () => {
      const pdf = await renderScannerTestSheet(currentLanguage());
      return { filename: scannerTestSheetFilename(currentLanguage()), pdfBase64: pdf.toString('base64') };
    },
    'devices.refresh': async () => {
      await devices.refresh();
      events.emit('devices.changed', devices.list());
      return busAck();
    },
    'devices.config': () => ({
      config: config.devices ?? defaultDevicesConfig(),
      source: saved.devices ? ('settings' as const) : fileConfig.devices ? ('file' as const) : ('default' as const),
    }),
    'devices.configure': async (input: CommandInput<'devices.configure'>) => {
      refuseInPractice();
      const next: SavedSettings = 'useFile' in input ? { ...saved, devices: undefined } : { ...saved, devices: input.devices };
      save(next);
      await devices.reconfigure(config.devices ?? defaultDevicesConfig());
      events.emit('devices.changed', devices.list());
      return busAck();
    },
    'print.retry': ({ id }: CommandInput<'print.retry'>) => requireRuntime(runtime).printers.retry(id),
  } satisfies Handlers;

  const dispatchCommand = createDispatcher(handlers);
  const dispatch: Dispatch = (name, input) => {
    if (isPackerActivity(name)) {
      idle.touch();
      signedIn.touch();
    }
    // Checked here in main, whatever the screen shows: its lock is only a courtesy.
    const refusal = isCommandName(name) ? lead.guard(name, packer) : null;
    if (refusal) return Promise.resolve({ ok: false, error: refusal });
    return dispatchCommand(name, input);
  };
  resolveDispatch(dispatch);
  idle.start();
  if (recalled && packer !== null) idle.touch(recalled.lastActivityAt);
  return {
    dispatch,
    events,
    handlers,
    dataDir: launch.dataDir,
    state,
    signBadge: badges.sign,
    async stop() {
      idle.stop();
      await devices.stop();
      await stopRuntime();
      if (practice) {
        await closePractice(practice.world);
        connected = practice.live.connected;
        practice = null;
      }
      if (pending) await pending.backend.close();
      pending = null;
      await close(connected);
      connected = null;
    },
  };
}
