import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { BackendInput } from '../../../shared/contract';
import { languages, type AppState, type Language, type Person, type SyncStatus, type Warehouse } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { PracticeScore } from '../../../shared/people';
import { reason } from '../../../shared/reasons';
import type { StationConfig } from '../config/station-config';
import { openDatabase } from '../db/connection';
import { getUser } from '../db/queries/users';
import { getWarehouse } from '../db/queries/warehouses';
import type { Clock } from '../infra/clock';
import { createLogger } from '../infra/log';
import { createIdleSignOut } from '../people/idle';
import { createSignedInMemory } from '../people/signed-in';
import type { EventBus } from '../transport/events';
import { connectBackend, type BackendConnection, type DemoAddress } from './backend';
import { findUser, findWarehouse, toWarehouse } from './lookups';
import { closePractice, openPractice, practiceScore, type PracticeWorld } from './practice';
import { createRuntime, type Runtime } from './runtime';

/*
 * The station's state machine: which backend it runs on (and which one Setup is trying), the
 * warehouse, the station's name and language, the packer, and practice mode with the live state it
 * set aside. Every change is one of the named transitions below; each leaves the runtime (sync,
 * pack loop, outbox, print queue) running for the state it made, or stopped when there is none.
 */

const log = createLogger('station');

export interface Connected {
  input: BackendInput;
  backend: BackendConnection;
  db: Database.Database;
}

export const offlineStatus = (message: string): SyncStatus => ({ state: 'offline', progress: null, lastSyncedAt: null, message });
export const idleStatus: SyncStatus = { state: 'idle', progress: null, lastSyncedAt: null, message: null };

export interface LifecycleDeps {
  dataDir: string;
  clock: Clock;
  events: EventBus;
  /** The data dir's embedded demo started: the CLI prints where it is. */
  onDemoStarted?: (address: DemoAddress) => void;
  /** The config in force, read on every use so Settings' changes apply without a restart. */
  config(): StationConfig;
  /** The config a runtime on this backend runs on (the demo's printers filled in). */
  configFor(backend: BackendConnection): StationConfig;
  station: { name: string | null; language: Language };
  /** Told after a change the app state shows (the transitions Setup acknowledges itself are not). */
  onChange(): void;
  /** Told when the packer signs out: a shift lead's unlock lasts only until then. */
  onSignOut(): void;
}

/** What start-up connects: the configured backend, warehouse and packer. */
export interface StartChoice {
  backend: BackendInput;
  warehouse: number | null;
  packer: number | undefined;
  /** Nothing configured anywhere: the station opens straight onto the demo warehouse. */
  isFirstLook: boolean;
}

export type LifecycleView = Omit<AppState, 'version' | 'mode' | 'lead'>;

export interface Lifecycle {
  start(choice: StartChoice): Promise<void>;
  connectPending<T>(input: BackendInput, probe: (backend: BackendConnection) => Promise<T>): Promise<T>;
  setupTarget(): { input: BackendInput; backend: BackendConnection };
  saveSetup(choice: { warehouse: Warehouse; stationName: string; language: Language; packer: Person | null }): Promise<void>;
  cancelSetup(): Promise<void>;
  signIn(iduser: number): Promise<Person>;
  signOut(): void;
  renameStation(change: { name?: string; language?: Language }): void;
  startPractice(): Promise<void>;
  stopPractice(): Promise<PracticeScore>;
  stop(): Promise<void>;
  /** Throws CONFLICT while practice runs: the live station's settings wait until it ends. */
  refuseInPractice(): void;
  /** What the packer did (a scan, a command): the idle count starts over. */
  touch(): void;
  connected(): Connected | null;
  /** The station's cache; NOT_CONFIGURED before a backend is connected. */
  db(): Database.Database;
  runtime(): Runtime | null;
  warehouse(): Warehouse | null;
  packer(): Person | null;
  stationName(): string | null;
  /** The signed-in packer's language when Packdesk speaks it, else the station's. */
  language(): Language;
  isPractice(): boolean;
  isConfigured(): boolean;
  syncStatus(): SyncStatus;
  /** The live account's identity, also while practice runs on a demo of its own (badges are signed for it). */
  liveIdentity(): string;
  /** The backend Setup is trying, else the one the station runs on. */
  setupBackend(): BackendConnection;
  view(): LifecycleView;
}

export function createLifecycle(deps: LifecycleDeps): Lifecycle {
  const { clock, dataDir } = deps;
  let connected: Connected | null = null;
  let pending: { input: BackendInput; backend: BackendConnection } | null = null;
  let runtime: Runtime | null = null;
  let syncStatus: SyncStatus = idleStatus;
  let warehouse: Warehouse | null = null;
  let packer: Person | null = null;
  /** Who packed last: a picklist left open by an idle sign-out is handed over from them. */
  let lastPacker: Person | null = null;
  let stationName = deps.station.name;
  let stationLanguage = deps.station.language;
  /** The signed-in packer's Picqer language when Packdesk speaks it; the station's otherwise. */
  let packerLanguage: Language | null = null;
  /** Practice mode's world, and the live station's state it set aside. */
  let practice: { world: PracticeWorld; live: { connected: Connected | null; warehouse: Warehouse | null; packer: Person | null; packerLanguage: Language | null } } | null = null;

  const language = (): Language => packerLanguage ?? stationLanguage;
  const spokenLanguage = (spoken: string | null | undefined): Language | null => ((languages as readonly string[]).includes(spoken ?? '') ? (spoken as Language) : null);
  const idleMinutes = () => deps.config().station?.idleSignOutMinutes ?? (deps.config().station?.packer ? 0 : 15);
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

  const cacheOf = (backend: BackendConnection) => openDatabase(join(dataDir, `cache-${backend.identity}.sqlite`));

  const close = async (target: Connected | null) => {
    if (!target) return;
    target.db.close();
    await target.backend.close();
  };

  const stopRuntime = async () => {
    const running = runtime;
    runtime = null;
    if (running) await running.stop();
  };

  const startRuntime = () => {
    if (!connected || !warehouse) return;
    const backend = connected.backend;
    runtime = createRuntime({
      db: connected.db,
      api: connected.backend.api,
      clock,
      events: deps.events,
      dataDir: practice?.world.dir ?? dataDir,
      idwarehouse: warehouse.idwarehouse,
      config: () => practice?.world.config ?? deps.configFor(backend),
      stationName: () => stationName ?? '',
      packer: () => packer,
      language,
    });
    runtime.start();
  };

  const requireConnected = (): Connected => {
    if (!connected) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
    return connected;
  };

  const refuseInPractice = () => {
    if (practice) throw new AppError('CONFLICT', reason('station.endPracticeFirst'));
  };

  /** Start-up: a backend that cannot be reached yet still starts the station on its cache; sync reports offline and retries by itself. */
  async function start(choice: StartChoice): Promise<void> {
    const live = { input: choice.backend, backend: await connectBackend(choice.backend, clock, { dataDir, onDemoStarted: deps.onDemoStarted }) };
    connected = { ...live, db: cacheOf(live.backend) };
    // Names the cache already holds are taken from it, so a station with a synced cache shows its
    // queue without waiting on Picqer (start-up benchmark, docs/benchmarks.md). Sync's hourly reference refresh
    // keeps them current; only a first start asks Picqer, and so checks the configured ids.
    const cachedWarehouse = choice.warehouse ? getWarehouse(connected.db, choice.warehouse) : null;
    const cachedPacker = choice.packer ? getUser(connected.db, choice.packer) : null;
    try {
      if (cachedWarehouse) {
        warehouse = cachedWarehouse;
      } else if (choice.warehouse) {
        warehouse = await findWarehouse(connected.backend, choice.warehouse);
      } else if (connected.backend.kind === 'demo' && choice.isFirstLook) {
        // A station started with no configuration at all opens straight onto the demo warehouse,
        // so a first look needs no setup; Setup connects it to Picqer when the time comes.
        const first = (await connected.backend.api.listWarehouses({ priority: 'interactive' })).find((w) => w.active);
        if (first) warehouse = toWarehouse(first);
        stationName ??= 'Demo station';
      }
      if (cachedPacker) packer = { iduser: cachedPacker.iduser, name: cachedPacker.name };
      else if (choice.packer) packer = await findUser(connected.backend, choice.packer);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION') throw error;
      log.warn('backend not reachable at start', { code: error instanceof AppError ? error.code : 'INTERNAL' });
      if (choice.warehouse) warehouse = { idwarehouse: choice.warehouse, name: `Warehouse ${choice.warehouse}`, isActive: true };
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
        packerLanguage = spokenLanguage(cached?.language);
      } else {
        signedIn.forget();
      }
    }
    startRuntime();
    idle.start();
    if (recalled && packer !== null) idle.touch(recalled.lastActivityAt);
  }

  /**
   * Setup tries a backend without leaving the one the station runs on: `probe` asks it what Setup
   * shows; only a backend that answered is kept as the pending one (replacing an earlier try).
   */
  async function connectPending<T>(input: BackendInput, probe: (backend: BackendConnection) => Promise<T>): Promise<T> {
    refuseInPractice();
    const candidate = await connectBackend(input, clock, { dataDir, onDemoStarted: deps.onDemoStarted });
    try {
      const found = await probe(candidate);
      if (pending) await pending.backend.close();
      pending = { input, backend: candidate };
      return found;
    } catch (error) {
      await candidate.close();
      throw error;
    }
  }

  /** The backend Setup saves: the one it is trying, else the one the station runs on. */
  function setupTarget(): { input: BackendInput; backend: BackendConnection } {
    refuseInPractice();
    const target = pending ?? (connected ? { input: connected.input, backend: connected.backend } : null);
    if (!target) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
    return target;
  }

  /** Setup saved: the pending backend (if any) replaces the live one, and a new runtime starts on the choice. */
  async function saveSetup(choice: { warehouse: Warehouse; stationName: string; language: Language; packer: Person | null }): Promise<void> {
    await stopRuntime();
    if (pending) {
      // The new backend replaces the old one; its own cache file keeps the ids apart.
      const previous = connected;
      const next = pending;
      pending = null;
      connected = { input: next.input, backend: next.backend, db: cacheOf(next.backend) };
      await close(previous);
    }
    warehouse = choice.warehouse;
    stationName = choice.stationName;
    stationLanguage = choice.language;
    packer = choice.packer;
    syncStatus = idleStatus;
    startRuntime();
  }

  async function cancelSetup(): Promise<void> {
    const abandoned = pending;
    pending = null;
    if (abandoned) await abandoned.backend.close();
  }

  /** The packer as a Person and their language; the cache first, so signing in works offline. */
  async function signIn(iduser: number): Promise<Person> {
    const live = requireConnected();
    const cached = getUser(live.db, iduser);
    if (cached && !cached.isActive) throw new AppError('VALIDATION', reason('station.userNotActive', { name: cached.name }));
    const person = cached ? { iduser: cached.iduser, name: cached.name } : await findUser(live.backend, iduser);
    packerLanguage = spokenLanguage(cached?.language);
    const previous = packer ?? lastPacker;
    packer = person;
    lastPacker = person;
    idle.touch();
    signedIn.remember(person);
    deps.onChange();
    // Another packer continues an open picklist: it is assigned to them in Picqer, or the re-check
    // before the shipment would stop the parcel as "assigned to someone else".
    const open = runtime?.pack.current() ?? null;
    if (open && previous && previous.iduser !== person.iduser && !practice) {
      await runtime?.pack.open(open.idpicklist, { takeOver: true });
    }
    return person;
  }

  function signOut(): void {
    // The unlock lasts until the packer signs out: the next one at the station is asked again.
    deps.onSignOut();
    packer = null;
    signedIn.forget();
    packerLanguage = null;
    deps.onChange();
  }

  /** Settings changed the station's name or language. */
  function renameStation(change: { name?: string; language?: Language }): void {
    stationName = change.name ?? stationName;
    stationLanguage = change.language ?? stationLanguage;
  }

  /** The live station pauses; a trainee packs on a fresh demo warehouse of its own. */
  async function startPractice(): Promise<void> {
    if (practice) return;
    const world = await openPractice({ dataDir, clock, config: deps.config(), traineeName: packer?.name ?? null });
    await stopRuntime();
    practice = { world, live: { connected, warehouse, packer, packerLanguage } };
    connected = { input: { demo: true }, backend: world.backend, db: world.db };
    warehouse = world.warehouse;
    packer = world.packer;
    startRuntime();
    await runtime?.sync.syncNow();
  }

  /** Practice ends with the trainee's score; the live station carries on as it was left. */
  async function stopPractice(): Promise<PracticeScore> {
    const current = practice;
    if (!current) throw new AppError('CONFLICT', reason('station.practiceNotOn'));
    const score = practiceScore(current.world.db, clock, current.world.startedAt);
    await stopRuntime();
    await closePractice(current.world);
    practice = null;
    ({ connected, warehouse, packer, packerLanguage } = current.live);
    startRuntime();
    deps.onChange();
    return score;
  }

  async function stop(): Promise<void> {
    idle.stop();
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
  }

  return {
    start,
    connectPending,
    setupTarget,
    saveSetup,
    cancelSetup,
    signIn,
    signOut,
    renameStation,
    startPractice,
    stopPractice,
    stop,
    refuseInPractice,
    touch() {
      idle.touch();
      signedIn.touch();
    },
    connected: () => connected,
    db: () => requireConnected().db,
    runtime: () => runtime,
    warehouse: () => warehouse,
    packer: () => packer,
    stationName: () => stationName,
    language,
    isPractice: () => practice !== null,
    isConfigured: () => Boolean(connected && warehouse && stationName),
    syncStatus: () => runtime?.sync.status() ?? syncStatus,
    liveIdentity: () => (practice?.live.connected ?? connected)?.backend.identity ?? 'demo',
    setupBackend() {
      const backend = pending?.backend ?? connected?.backend;
      if (!backend) throw new AppError('NOT_CONFIGURED', reason('station.connectFirst'));
      return backend;
    },
    view: () => ({
      backend: connected ? { kind: connected.backend.kind, label: connected.backend.label } : null,
      isDemo: connected?.backend.kind === 'demo',
      isPractice: practice !== null,
      isConfigured: Boolean(connected && warehouse && stationName),
      warehouse,
      stationName,
      language: language(),
      packer,
    }),
  };
}
