import type { Database } from 'better-sqlite3';
import type { Language, Person } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { PackSession } from '../../../shared/packing';
import type { BatchView } from '../../../shared/batch';
import type { PicqerPicklistBatchDetail } from '../../../shared/picqer-types';
import { createManualClock } from '../../../electron/main/infra/clock';
import { openDatabase } from '../../../electron/main/db/connection';
import { replacePickingContainers, upsertPicklists } from '../../../electron/main/db/queries/picklists';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { replaceShippingProviders } from '../../../electron/main/db/queries/shipping-profiles';
import { replaceUsers } from '../../../electron/main/db/queries/users';
import { replaceWarehouses } from '../../../electron/main/db/queries/warehouses';
import { createPackService, type PackApi, type PackService, type PackSettings } from '../../../electron/main/packing/service';
import { createScanRouter, type ScanRouter } from '../../../electron/main/packing/scan-router';
import type { PicqerComment, PicqerOrder, PicqerPicklist, PicqerShippingMethod } from '../../../electron/main/picqer/types';
import { line, order, picklist, product, user, warehouse } from '../db/factories';
import { tempDir } from '../db/temp-db';
import { upsertOrders } from '../../../electron/main/db/queries/orders';
import { replacePackagings } from '../../../electron/main/db/queries/packagings';

/** A valid EAN-13 from its first 12 digits. */
export function ean13(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

export const codes = {
  blueMug: ean13('871234500001'),
  redMug: ean13('871234500002'),
  giftSet: ean13('871234500003'),
  partA: ean13('871234500004'),
  partB: ean13('871234500005'),
  greenMug: ean13('871234500006'),
  stranger: ean13('871234500007'),
  retired: ean13('871234500008'),
  box: 'BOX-S',
};

export const anna: Person = { iduser: 10, name: 'Anna de Vries' };
export const bert: Person = { iduser: 11, name: 'Bert Jansen' };

/*
 * Picklist 5001 (order 7001, `PS #73 / ITQRFWVHT`): blue mug x2 and again x1 on a second line,
 * red mug x1, a gift set (composition) of 2 x part A and 1 x part B, and a sticker without a
 * barcode. The others exist for one case each.
 */
export function seed(db: Database, now: string): { remote: Map<number, PicqerPicklist>; orders: Map<number, PicqerOrder> } {
  replaceWarehouses(db, [warehouse({ idwarehouse: 1 }), warehouse({ idwarehouse: 2, name: 'Other' })], now);
  replaceUsers(db, [user({ iduser: 10, username: 'anna' }), user({ iduser: 11, username: 'bert', firstname: 'Bert', lastname: 'Jansen' })], now);
  replaceShippingProviders(
    db,
    [
      {
        idshippingprovider: 1,
        name: 'PostNL',
        provider: 'postnl',
        active: true,
        profiles: [
          { idshippingprovider_profile: 1365, name: 'PostNL standard', standard: true, active: true },
          { idshippingprovider_profile: 1366, name: 'PostNL evening', standard: false, active: true },
        ],
      },
    ],
    now,
  );
  replacePackagings(db, [{ idpackaging: 3, name: 'Box S', barcode: codes.box, length: 20, width: 15, height: 10, use_in_auto_advice: false, active: true }], now);
  upsertProducts(
    db,
    [
      product({ idproduct: 100, name: 'Blue mug', barcode: codes.blueMug, weight: 300 }),
      product({ idproduct: 101, name: 'Red mug', barcode: codes.redMug, weight: 310 }),
      product({ idproduct: 102, name: 'Gift set', barcode: codes.giftSet, weight: null, type: 'composition_with_stock' }),
      product({ idproduct: 103, name: 'Set part A', barcode: codes.partA, weight: 100 }),
      product({ idproduct: 104, name: 'Set part B', barcode: codes.partB, weight: 50 }),
      product({ idproduct: 105, name: 'Sticker', barcode: null, weight: 5 }),
      product({ idproduct: 106, name: 'Green mug', barcode: codes.greenMug }),
      product({ idproduct: 107, name: 'Green mug (old)', barcode: codes.greenMug }),
      product({ idproduct: 108, name: 'Yellow mug', barcode: codes.stranger }),
      product({ idproduct: 109, name: 'Purple mug', barcode: codes.retired, active: false }),
    ],
    now,
  );
  const l = (idpicklist_product: number, idproduct: number, amount: number, over: Parameters<typeof line>[0] = {}) =>
    line({ idpicklist_product, idproduct, amount, productcode: `SKU-${idproduct}`, name: `Line of ${idproduct}`, ...over });
  const picklists: PicqerPicklist[] = [
    picklist({
      idpicklist: 5001,
      idorder: 7001,
      reference: 'PS #73 / ITQRFWVHT',
      products: [
        l(50011, 100, 2),
        l(50012, 101, 1),
        l(50013, 102, 1, { has_parts: true }),
        l(50014, 103, 2, { partof_idpicklist_product: 50013 }),
        l(50015, 104, 1, { partof_idpicklist_product: 50013 }),
        l(50016, 105, 1),
        l(50017, 100, 1),
      ],
    }),
    picklist({ idpicklist: 5002, products: [l(50021, 106, 1), l(50022, 107, 1)] }),
    picklist({ idpicklist: 5003, status: 'paused', paused_reason: 'Waiting for the customer to confirm the address' }),
    picklist({ idpicklist: 5004, status: 'cancelled' }),
    picklist({ idpicklist: 5005, status: 'snoozed', snoozed_until: '2026-11-05 09:00:00' }),
    picklist({ idpicklist: 5006, status: 'closed' }),
    picklist({ idpicklist: 5007, assigned_to_iduser: 11, products: [l(50071, 101, 1)] }),
    picklist({ idpicklist: 5008, idorder: 7009, products: [l(50081, 101, 1)] }),
    picklist({ idpicklist: 5009, idorder: 7009, products: [l(50091, 100, 1)] }),
    picklist({ idpicklist: 5010, products: [l(50101, 101, 1)] }),
    picklist({ idpicklist: 5011, products: [l(50111, 101, 2)], idshippingprovider_profile: 1366 }),
    picklist({ idpicklist: 5012, idwarehouse: 2, products: [l(50121, 101, 1)] }),
  ];
  const orders = [
    order({ idorder: 7001, orderid: 'O2026-7001', reference: 'PS #73 / ITQRFWVHT', customer_remarks: 'Leave at the neighbours', orderfields: [
      { idorderfield: 1, title: 'Gift note', value: 'Happy birthday' },
      { idorderfield: 2, title: 'Internal', value: 'x' },
    ] }),
    order({ idorder: 7009, orderid: 'O2026-7009' }),
  ];
  upsertPicklists(db, picklists, now);
  upsertOrders(db, orders, now);
  replacePickingContainers(db, [{ idpicking_container: 1, name: 'TOTE-12', barcode: 'C0012', idpicklist: 5010 }], now);
  return { remote: new Map(picklists.map((p) => [p.idpicklist, p])), orders: new Map(orders.map((o) => [o.idorder, o])) };
}

export class FakePackApi implements PackApi {
  calls: string[] = [];
  methods: PicqerShippingMethod[] = [
    { idshippingprovider_profile: 1365, name: 'PostNL standard', provider: 'PostNL', selected: false, extra_fields: [] },
    { idshippingprovider_profile: 1366, name: 'PostNL evening', provider: 'PostNL', selected: true, extra_fields: [] },
  ];
  comments: PicqerComment[] = [{ idcomment: 1, body: 'Fragile, wrap twice', created_at: '2026-11-01 09:00:00', author: 'Carla' }];
  constructor(private readonly orders: Map<number, PicqerOrder>) {}

  async getOrder(idorder: number): Promise<PicqerOrder> {
    this.calls.push(`getOrder ${idorder}`);
    const found = this.orders.get(idorder);
    if (!found) throw new AppError('NOT_FOUND', 'no order');
    return Promise.resolve(found);
  }

  async getShippingMethods(idpicklist: number): Promise<PicqerShippingMethod[]> {
    this.calls.push(`getShippingMethods ${idpicklist}`);
    return Promise.resolve(this.methods);
  }

  async listComments(resource: string, id: number): Promise<PicqerComment[]> {
    this.calls.push(`listComments ${resource} ${id}`);
    return Promise.resolve(this.comments);
  }
}

export interface Harness {
  db: Database;
  file: string;
  service: PackService;
  api: FakePackApi;
  clock: ReturnType<typeof createManualClock>;
  remote: Map<number, PicqerPicklist>;
  state: { packer: Person | null; isOnline: boolean; isRefreshFailing: boolean; settings: PackSettings; station: string; language: Language };
  sessions: Array<PackSession | null>;
  /** The batch published beside each session (null while none is open). */
  batches: Array<BatchView | null>;
  /** The revision published with each entry of `sessions`. */
  revisions: number[];
  queueChanges: number[][];
  kicks: number;
  refreshed: number[];
  /** What Picqer does when the service re-reads a batch; unset: the backend has no batches. */
  onRefreshBatch: ((idpicklistBatch: number) => Promise<boolean>) | null;
  batchReads: number[];
  /** A new service on the same database file: what a restarted station gets. */
  restart(): PackService;
  cleanup(): void;
}

export function createHarness(settings: Partial<PackSettings> = {}): Harness {
  const tmp = tempDir();
  const file = tmp.file();
  const db = openDatabase(file);
  const clock = createManualClock();
  const { remote, orders } = seed(db, new Date(clock.now()).toISOString());
  const api = new FakePackApi(orders);
  let service: PackService | null = null;
  const h: Harness = {
    db,
    file,
    get service(): PackService {
      if (!service) throw new Error('the harness builds its service first');
      return service;
    },
    api,
    clock,
    remote,
    state: {
      packer: anna,
      isOnline: true,
      isRefreshFailing: false,
      language: 'en',
      settings: { autoComplete: false, problemAction: 'unassign', snoozeHours: 24, orderFields: null, weightTolerance: null, ...settings },
      station: 'Station 1',
    },
    sessions: [],
    batches: [],
    revisions: [],
    queueChanges: [],
    kicks: 0,
    refreshed: [],
    onRefreshBatch: null,
    batchReads: [],
    restart: () => build(),
    cleanup: () => {
      if (h.db.open) h.db.close();
      tmp.cleanup();
    },
  };
  const build = (): PackService => {
    const built = createPackService({
      db: h.db,
      api,
      clock,
      stationName: () => h.state.station,
      packer: () => h.state.packer,
      idwarehouse: () => 1,
      settings: () => h.state.settings,
      isOnline: () => h.state.isOnline,
      refreshPicklist: async (idpicklist) => {
        h.refreshed.push(idpicklist);
        if (!h.state.isOnline || h.state.isRefreshFailing) throw new AppError('OFFLINE', 'Picqer could not be reached');
        const found = h.remote.get(idpicklist);
        if (!found) throw new AppError('NOT_FOUND', 'gone');
        upsertPicklists(h.db, [found], new Date(clock.now()).toISOString());
        return Promise.resolve();
      },
      refreshBatch: async (idpicklistBatch) => {
        h.batchReads.push(idpicklistBatch);
        return h.onRefreshBatch ? h.onRefreshBatch(idpicklistBatch) : false;
      },
      onSessionChanged: ({ session: s, batch }, revision) => {
        h.sessions.push(s);
        h.batches.push(batch);
        h.revisions.push(revision);
      },
      language: () => h.state.language,
      onQueueChanged: (ids) => h.queueChanges.push(ids),
      kickOutbox: () => {
        h.kicks++;
      },
    });
    // Scans reach the service as they do at a station: through the router, which does the lookups.
    routers.set(built, createScanRouter({ db: () => h.db, pack: () => built, clock, stationName: () => h.state.station, packer: () => h.state.packer }));
    return built;
  };
  service = build();
  return h;
}

export interface OutboxRow {
  id: number;
  idpicklist: number;
  kind: string;
  payload: unknown;
  created_at: string;
}

export function outboxRows(db: Database, idpicklist?: number): OutboxRow[] {
  const rows = db
    .prepare('SELECT id, idpicklist, kind, payload_json, created_at FROM outbox WHERE (? IS NULL OR idpicklist = ?) ORDER BY id')
    .all(idpicklist ?? null, idpicklist ?? null) as Array<{ id: number; idpicklist: number; kind: string; payload_json: string; created_at: string }>;
  return rows.map((r) => ({ id: r.id, idpicklist: r.idpicklist, kind: r.kind, payload: JSON.parse(r.payload_json) as unknown, created_at: r.created_at }));
}

export function scanRows(db: Database): Array<{ outcome: string; code: string; source: string; quantity: number; pack_session_id: number | null; undone_at: string | null; reason: string | null; station: string | null; iduser: number | null; idpicklist_product: number | null }> {
  return db.prepare('SELECT outcome, code, source, quantity, pack_session_id, undone_at, reason, station, iduser, idpicklist_product FROM scan_events ORDER BY id').all() as ReturnType<typeof scanRows>;
}

const routers = new WeakMap<PackService, ScanRouter>();

/** The scan router in front of a harness's service (each restart's service has its own). */
export function routerOf(service: PackService): ScanRouter {
  const router = routers.get(service);
  if (!router) throw new Error('the service was not built by the harness');
  return router;
}

export const scan = (service: PackService, code: string, multiplier?: number) => routerOf(service).submit({ code, source: 'wedge', multiplier });

export function lineOf(session: PackSession | null, idpicklist_product: number) {
  const found = session?.lines.find((l) => l.idpicklist_product === idpicklist_product);
  if (!found) throw new Error(`line ${idpicklist_product} not in session`);
  return found;
}

/** The red mug's barcode as the GTIN-14 a GS1 element string carries in AI 01. */
export const redMug14 = `0${codes.redMug}`;

/**
 * Batch 101 (id 3301) as Picqer's detail gives it, of the harness's picklists in slot order; by
 * default 5008, 5009, 5003 (paused), 5011 and 5010.
 */
export function batchDetail(type: 'normal' | 'singles' = 'normal', idpicklists: readonly number[] = [5008, 5009, 5003, 5011, 5010]): PicqerPicklistBatchDetail {
  const entry = (idpicklist: number) => ({ idpicklist, picklistid: '', reference: null, alias: null, status: null, total_products: null, delivery_name: null });
  return {
    idpicklist_batch: 3301,
    picklist_batchid: '101',
    idwarehouse: 1,
    type,
    status: 'open',
    assigned_to: null,
    completed_by: null,
    total_products: 5,
    total_picklists: idpicklists.length,
    completed_at: null,
    created_at: '2026-12-03 08:00:00',
    updated_at: '2026-12-03 08:00:00',
    picklists: idpicklists.map(entry),
    products: [],
  };
}

/** A batch's slots as `slot:idpicklist:state:verified/units`, to compare at a glance. */
export const slotsOf = (batch: BatchView | null | undefined) => batch?.slots.map((s) => `${s.slot}:${s.idpicklist}:${s.state}:${s.verifiedUnits}/${s.units}`);
