import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../shared/contract';
import { openLeadState, type AppState, type QueueItem, type SyncStatus } from '../../shared/domain';
import type { BatchView } from '../../shared/batch';
import { scanAnswerOf, type CommandAck, type PackLine, type PackSession, type Parcel, type ScanAnswer } from '../../shared/packing';
import { ApiError, type ApiClient, type ConnectionState } from '../../renderer/src/api/client';

type Handler<N extends CommandName> = (input: CommandInput<N>) => CommandOutput<N> | Promise<CommandOutput<N>>;
type HandlerTable = { [N in CommandName]?: Handler<N> };

export interface FakeApi extends ApiClient {
  calls: Array<{ name: CommandName; input: unknown }>;
  handle<N extends CommandName>(name: N, handler: Handler<N>): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  setConnection(state: ConnectionState): void;
  callsOf(name: CommandName): unknown[];
  /** As main does: the session goes out as session.changed with the next revision, which is returned. */
  publish(session: PackSession | null): number;
  /** As main does with a batch open: the batch goes out as session.changed (no picklist beside it). */
  publishBatch(batch: BatchView | null): number;
  /** The revision of the last session published. */
  revision(): number;
  /** A scan's answer as main gives it: the session (when given) published first, the answer carrying its revision. */
  answer(overrides: Partial<ScanAnswer>, session?: PackSession | null): ScanAnswer;
  /** A pack command's acknowledgement, after publishing the session it left (when given). */
  ack(outcome: CommandAck['outcome'], session?: PackSession | null): CommandAck;
  /** A station command's acknowledgement, as main gives it: the app state it left goes out as app.state first. */
  appAck(state: AppState): CommandAck;
  /** A command's acknowledgement, as main gives it: the state it left goes out as this event first. */
  emitAck<E extends EventName>(name: E, payload: EventPayload<E>): CommandAck;
}

/** An in-memory ApiClient: commands answer from handlers, events are pushed by the test. */
export function createFakeApi(mode: 'electron' | 'web' = 'web'): FakeApi {
  const handlers: HandlerTable = {};
  const listeners = new Map<EventName, Set<(payload: unknown, revision: number) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'open';
  const calls: Array<{ name: CommandName; input: unknown }> = [];
  let revision = 0;
  // As main's bus: every event one revision higher; a read answers with the revision it saw.
  let busRevision = 0;
  const emit = (name: EventName, payload: unknown) => {
    busRevision += 1;
    for (const cb of listeners.get(name) ?? []) cb(payload, busRevision);
  };
  const publish = (session: PackSession | null) => {
    revision += 1;
    emit('session.changed', { revision, session, batch: null });
    return revision;
  };
  const publishBatch = (batch: BatchView | null) => {
    revision += 1;
    emit('session.changed', { revision, session: null, batch });
    return revision;
  };

  return {
    mode,
    publish,
    publishBatch,
    revision: () => revision,
    answer(overrides, session) {
      if (session !== undefined) publish(session);
      return answerFixture({ ...overrides, revision });
    },
    emitAck(name, payload) {
      emit(name, payload);
      return { outcome: 'done', reason: null, revision: busRevision };
    },
    appAck(state) {
      emit('app.state', state);
      return { outcome: 'done', reason: null, revision: busRevision };
    },
    ack(outcome, session) {
      if (session !== undefined) publish(session);
      return { outcome, reason: null, revision };
    },
    calls,
    handle(name, handler) {
      (handlers as Record<string, unknown>)[name] = handler;
    },
    async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
      calls.push({ name, input });
      const handler = handlers[name] as Handler<N> | undefined;
      if (!handler) throw new ApiError('UNKNOWN_COMMAND', `no fake handler for ${name}`);
      return handler(input);
    },
    async read<N extends CommandName>(name: N, input: CommandInput<N>): Promise<{ value: CommandOutput<N>; revision: number }> {
      const value = await this.invoke(name, input);
      return { value, revision: busRevision };
    },
    on<E extends EventName>(name: E, cb: (payload: EventPayload<E>, revision: number) => void) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const listener = cb as (payload: unknown, revision: number) => void;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(name, payload) {
      emit(name, payload);
    },
    connectionState: () => connection,
    onConnectionState(cb) {
      connectionListeners.add(cb);
      return () => {
        connectionListeners.delete(cb);
      };
    },
    setConnection(state) {
      connection = state;
      for (const cb of connectionListeners) cb(state);
    },
    callsOf(name) {
      return calls.filter((c) => c.name === name).map((c) => c.input);
    },
    close() {},
  };
}

export function appStateFixture(overrides: Partial<AppState> = {}): AppState {
  return {
    version: '0.1.0',
    mode: 'web',
    backend: { kind: 'demo', label: 'Demo warehouse' },
    isDemo: true,
    isPractice: false,
    isConfigured: true,
    warehouse: { idwarehouse: 1, name: 'Main warehouse', isActive: true },
    stationName: 'Pack 1',
    language: 'en',
    packer: { iduser: 7, name: 'Sanne de Vries' },
    lead: openLeadState,
    ...overrides,
  };
}

export function syncFixture(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { state: 'idle', progress: null, lastSyncedAt: '2026-03-02T09:41:00.000Z', message: null, ...overrides };
}

export function queueItemFixture(idpicklist: number, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    idpicklist,
    picklistid: `P2026-${String(idpicklist).padStart(4, '0')}`,
    idorder: 1000 + idpicklist,
    orderid: `O2026-${1000 + idpicklist}`,
    customer: `Customer ${idpicklist}`,
    reference: null,
    webshop: null,
    lineCount: 2,
    units: 3,
    tags: [],
    isUrgent: false,
    preferredDeliveryDate: null,
    idshippingproviderProfile: null,
    carrier: null,
    cutOff: null,
    assignedTo: null,
    status: 'new',
    pausedReason: null,
    created: null,
    ...overrides,
  };
}

/** Lets queued promise callbacks run (answers of the fake api, store updates). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

export function packLineFixture(id: number, overrides: Partial<PackLine> = {}): PackLine {
  return {
    idpicklist_product: id,
    idproduct: 5000 + id,
    productcode: `PD-${id}`,
    name: `Product ${id}`,
    image: null,
    stockLocation: `A-0${id}`,
    remarks: null,
    amount: 1,
    verified: 0,
    hasBarcode: true,
    isComposition: false,
    parentId: null,
    manualReason: null,
    ...overrides,
  };
}

export function sessionFixture(overrides: Partial<PackSession> = {}): PackSession {
  const lines = overrides.lines ?? [packLineFixture(1, { amount: 2 }), packLineFixture(2)];
  const units = lines.filter((l) => !l.isComposition).reduce((n, l) => n + l.amount, 0);
  const verifiedUnits = lines.filter((l) => !l.isComposition).reduce((n, l) => n + l.verified, 0);
  return {
    id: 1,
    idpicklist: 101,
    picklistid: 'P2026-0101',
    state: 'packing',
    picklistStatus: 'new',
    order: { idorder: 501, orderid: 'O2026-0501', reference: 'PS #73 / ITQRFWVHT', webshop: 'PrestaShop NL', customer: 'Bakkerij', deliveryCountry: 'NL', customerRemarks: null, language: 'nl', fields: [] },
    tags: [],
    comments: [],
    isUrgent: false,
    lines,
    units,
    verifiedUnits,
    isAllVerified: verifiedUnits >= units,
    packer: { iduser: 7, name: 'Sanne de Vries' },
    assignedElsewhere: null,
    shipping: { profiles: [], idshippingprovider_profile: null, extraFields: {}, areMethodsFromPicqer: false, isChoiceNeeded: false, packaging: null, weight: 1200, isWeightManual: false, boxes: [{ box: 1, packaging: null, weight: 1200, isWeightManual: false }], currentBox: 1, weightCheck: null, advice: null },
    lastScan: null,
    alert: null,
    isOnline: true,
    pendingQuantity: null,
    ...overrides,
  };
}

export function answerFixture(overrides: Partial<ScanAnswer> = {}): ScanAnswer {
  return scanAnswerOf({ kind: 'product', code: '8712345000011', revision: 0, ...overrides });
}

export function parcelFixture(idpicklist: number, overrides: Partial<Parcel> = {}): Parcel {
  return {
    idshipment: 9000 + idpicklist,
    idpicklist,
    picklistid: `P2026-${String(idpicklist).padStart(4, '0')}`,
    customer: `Customer ${idpicklist}`,
    packer: { iduser: 7, name: 'Sanne de Vries' },
    packedAt: '2026-03-02T09:00:00.000Z',
    shippingMethod: 'PostNL',
    trackingCode: null,
    boxes: [{ box: 1, trackingCode: null, idshipment: 9000 + idpicklist }],
    state: 'shipped',
    canCancelUntil: null,
    cancelledBy: null,
    cancelledAt: null,
    packedAfterCutOff: null,
    lotOrder: null,
    cancelReason: null,
    printJobs: [],
    ...overrides,
  };
}
