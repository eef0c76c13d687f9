import type { AppState, QueueItem, SyncStatus, User, Warehouse } from '../../shared/domain';

export interface FakeStation {
  appState: AppState;
  sync: SyncStatus;
  queue: QueueItem[];
  users: User[];
  warehouses: Warehouse[];
}

/**
 * A stand-in for Electron's preload: `window.packdesk` answering from in-page data, plus
 * `window.__fake` for the test to push events and read the calls the page made. It runs in the
 * page before the renderer's own script, exactly where the real preload runs.
 */
export function fakeBridgeScript(station: FakeStation): string {
  return `(() => {
  const data = ${JSON.stringify(station)};
  const listeners = {};
  const calls = [];
  let state = data.appState;
  const ok = (value) => Promise.resolve({ ok: true, value: JSON.parse(JSON.stringify(value)) });
  const emit = (name, payload) => (listeners[name] || []).slice().forEach((cb) => cb(payload));
  window.__fake = {
    calls,
    data,
    emit,
    setQueue(items) { data.queue = items; emit('queue.changed', { idpicklists: items.map((i) => i.idpicklist) }); },
    setSync(sync) { data.sync = sync; emit('sync.status', sync); },
  };
  window.packdesk = {
    invoke(name, input) {
      calls.push({ name, input });
      switch (name) {
        case 'app.state': return ok(state);
        case 'sync.status': return ok(data.sync);
        case 'sync.now': return ok(data.sync);
        case 'queue.list': {
          const search = ((input && input.search) || '').toLowerCase();
          return ok(data.queue.filter((i) => !search || [i.picklistid, i.customer, i.reference, i.orderid].join(' ').toLowerCase().includes(search)));
        }
        case 'setup.connect':
          if (!input.backend.demo && input.backend.apiKey !== 'good-key') {
            return Promise.resolve({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Picqer answered 401 for this API key.' } });
          }
          return ok({ user: { iduser: 1, name: 'Demo admin' }, warehouses: data.warehouses });
        case 'setup.users': return ok(data.users);
        case 'setup.cancel': return ok(state);
        case 'setup.save': {
          const packer = data.users.find((u) => u.iduser === input.packer);
          state = { ...state, isConfigured: true, isDemo: true, backend: { kind: 'demo', label: 'Demo warehouse' },
            warehouse: data.warehouses.find((w) => w.idwarehouse === input.warehouse) || null,
            stationName: input.stationName, language: input.language,
            packer: packer ? { iduser: packer.iduser, name: packer.name } : null };
          return ok(state);
        }
        case 'packer.signIn': {
          const user = data.users.find((u) => u.iduser === input.iduser);
          state = { ...state, packer: { iduser: user.iduser, name: user.name } };
          return ok(state);
        }
        case 'packer.signOut':
          state = { ...state, packer: null };
          return ok(state);
      }
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: 'Unknown command: ' + name } });
    },
    on(name, cb) {
      (listeners[name] = listeners[name] || []).push(cb);
      return () => { listeners[name] = listeners[name].filter((x) => x !== cb); };
    },
  };
})();`;
}

const tag = (idtag: number, title: string, color: string | null, textColor: string | null) => ({ idtag, title, color, textColor });

export function queueFixture(): QueueItem[] {
  const base = {
    idorder: null,
    orderid: null,
    reference: null,
    webshop: null,
    tags: [],
    isUrgent: false,
    preferredDeliveryDate: null,
    assignedTo: null,
    status: 'new' as const,
    pausedReason: null,
    created: '2026-03-02T08:00:00Z',
  };
  return [
    { ...base, idpicklist: 101, picklistid: 'P2026-0101', idorder: 501, orderid: 'O2026-0501', customer: 'Bakkerij de Gouden Korenaar', webshop: 'PrestaShop NL', reference: 'PS #73 / ITQRFWVHT', lineCount: 3, units: 7, tags: [tag(1, 'Fragile', '#d6001c', '#ffffff'), tag(2, 'Gift wrap', '#ffd84d', '#111111')], isUrgent: true, preferredDeliveryDate: '2026-03-03' },
    { ...base, idpicklist: 102, picklistid: 'P2026-0102', idorder: 502, orderid: 'O2026-0502', customer: 'J. Jansen', webshop: 'Shopify', reference: '#1043', lineCount: 1, units: 1, tags: [tag(3, 'B2C', '#2b6cb0', '#ffffff')] },
    { ...base, idpicklist: 103, picklistid: 'P2026-0103', idorder: 503, orderid: 'O2026-0503', customer: 'Fietsenmakerij Veldhoven B.V.', webshop: 'WooCommerce', reference: 'WC-88812', lineCount: 12, units: 40, status: 'paused', pausedReason: 'Damaged item, waiting for replacement', assignedTo: { iduser: 8, name: 'Mehmet Yilmaz' } },
    { ...base, idpicklist: 104, picklistid: 'P2026-0104', customer: 'Anna Müller', lineCount: 2, units: 2, status: 'snoozed', tags: [tag(4, 'Pickup', null, null)], preferredDeliveryDate: '2026-03-06' },
    { ...base, idpicklist: 105, picklistid: 'P2026-0105', idorder: 505, orderid: 'O2026-0505', customer: 'Studio Noord', webshop: 'Lightspeed', reference: 'LS-2291', lineCount: 4, units: 5, assignedTo: { iduser: 7, name: 'Sanne de Vries' } },
  ];
}

export function stationFixture(overrides: Partial<FakeStation> = {}): FakeStation {
  return {
    appState: {
      version: '0.1.0',
      mode: 'electron',
      backend: { kind: 'demo', label: 'Demo warehouse' },
      isDemo: true,
      isConfigured: true,
      warehouse: { idwarehouse: 1, name: 'Hoofdmagazijn Eindhoven', isActive: true },
      stationName: 'Pack 1',
      language: 'en',
      packer: { iduser: 7, name: 'Sanne de Vries' },
    },
    sync: { state: 'idle', progress: null, lastSyncedAt: '2026-03-02T08:41:00Z', message: null },
    queue: queueFixture(),
    users: [
      { iduser: 7, name: 'Sanne de Vries', username: 'sanne', language: 'nl', isActive: true },
      { iduser: 8, name: 'Mehmet Yilmaz', username: 'mehmet', language: 'nl', isActive: true },
      { iduser: 9, name: 'Oud Account', username: 'oud', language: null, isActive: false },
      { iduser: 10, name: 'Lotte Bakker', username: 'lotte', language: 'en', isActive: true },
    ],
    warehouses: [
      { idwarehouse: 1, name: 'Hoofdmagazijn Eindhoven', isActive: true },
      { idwarehouse: 2, name: 'Retourmagazijn', isActive: true },
      { idwarehouse: 3, name: 'Gesloten locatie', isActive: false },
    ],
    ...overrides,
  };
}
