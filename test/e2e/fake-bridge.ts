import { openLeadState, type AppState, type QueueItem, type SyncStatus, type User, type Warehouse } from '../../shared/domain';
import type { OutboxStatus, PackSession, Parcel, ProductCandidate } from '../../shared/packing';
import type { CupsQueue, PrinterInfo, ProductSummary } from '../../shared/printing';
import type { DeviceEntry } from '../../shared/devices';

/** One picklist the fake station can open, with the barcodes of its lines. */
export interface FakePicklist {
  session: PackSession;
  /** What opens it when scanned: picklistid, references, order number. */
  codes: string[];
  /** idpicklist_product -> barcode; lines without one are confirmed by hand. */
  barcodes: Record<string, string | null>;
  /** Refused with this sentence (paused, cancelled…). */
  blocked: string | null;
}

/** The pack loop of a fake station: enough of main's behaviour to drive every screen. */
export interface FakePack {
  picklists: FakePicklist[];
  /** Products in the catalogue that are on none of the picklists: scanning one is a wrong item. */
  catalogue: Array<{ barcode: string; product: ProductCandidate }>;
  /** code -> idpicklists: several picklists match. */
  multi: Record<string, number[]>;
  history: Parcel[];
  outbox: OutboxStatus;
  autoComplete: boolean;
  /** ms main takes to answer a scan. */
  latencyMs: number;
}

export interface FakeStation {
  appState: AppState;
  sync: SyncStatus;
  queue: QueueItem[];
  users: User[];
  warehouses: Warehouse[];
  pack?: FakePack;
  /** printers.list answers these; printers.test prints a test job that is done a moment later. */
  printers?: PrinterInfo[];
  cupsQueues?: CupsQueue[];
  /**
   * What products.search finds; without it, the products on the pack fixture's picklists and in
   * its catalogue. products.printLabel prints on the productLabel printer (fails without one).
   */
  products?: ProductSummary[];
  /**
   * devices.list answers these; devices.configure marks a device used (connected) or not
   * (available) and keeps the config it was sent.
   */
  devices?: DeviceEntry[];
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
  const pack = createPack();
  let testJobId = 500;
  let labelJobId = 700;
  // What the config file set, for printers.set with useFile: the printers that came from the file.
  const filePrinters = JSON.parse(JSON.stringify((data.printers || []).filter((p) => p.source === 'file')));
  const labels = [];
  window.__fake = {
    calls,
    data,
    labels,
    emit,
    pack,
    setQueue(items) { data.queue = items; emit('queue.changed', { idpicklists: items.map((i) => i.idpicklist) }); },
    setSync(sync) { data.sync = sync; emit('sync.status', sync); },
  };
  function createPack() {
    if (!data.pack) return null;
    const P = data.pack;
    const clone = (v) => JSON.parse(JSON.stringify(v));
    let session = null;
    let template = null;
    let undo = [];
    const fail = (code, message) => Promise.resolve({ ok: false, error: { code, message } });
    const later = (value) => new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: clone(value) }), P.latencyMs));
    const base = (code, extra) => Object.assign({ kind: 'product', outcome: null, code, amount: 0, product: null, productChoices: [], picklistChoices: [], command: null, message: null, packed: null, session: null }, extra);
    const candidate = (line) => ({ idproduct: line.idproduct, name: line.name, productcode: line.productcode, image: line.image });
    const countable = (l) => !l.isComposition;
    function recompute() {
      for (const parent of session.lines.filter((l) => l.isComposition)) {
        const parts = session.lines.filter((l) => l.parentId === parent.idpicklist_product);
        parent.verified = parts.every((p) => p.verified >= p.amount) ? parent.amount : 0;
      }
      session.units = session.lines.filter(countable).reduce((n, l) => n + l.amount, 0);
      session.verifiedUnits = session.lines.filter(countable).reduce((n, l) => n + l.verified, 0);
      session.isAllVerified = session.verifiedUnits >= session.units;
    }
    function changed() { emit('session.changed', session ? clone(session) : null); }
    function finish() {
      if (!session) return;
      session.state = 'completing';
      changed();
      const done = session;
      setTimeout(() => {
        P.history.unshift({ idshipment: 9000 + done.idpicklist, idpicklist: done.idpicklist, picklistid: done.picklistid, customer: done.order.customer,
          packer: state.packer, packedAt: new Date().toISOString(), shippingMethod: 'PostNL Standaard', trackingCode: '3STEST' + done.idpicklist,
          state: 'shipped', canCancelUntil: new Date(Date.now() + 5 * 60000).toISOString(),
          printJobs: [{ id: done.idpicklist * 10, kind: 'label', status: 'done', error: null }, { id: done.idpicklist * 10 + 1, kind: 'packing_slip', status: 'done', error: null }] });
        if (session && session.id === done.id) { session = null; changed(); }
        emit('history.changed', { idpicklist: done.idpicklist });
      }, 40);
    }
    function count(line, amount, code) {
      const left = line.amount - line.verified;
      if (amount > left) {
        session.lastScan = { outcome: 'too_many', code, amount, productName: line.name, at: new Date().toISOString() };
        return base(code, { outcome: 'too_many', amount, product: candidate(line), session });
      }
      undo.push({ id: line.idpicklist_product, amount });
      line.verified += amount;
      recompute();
      const outcome = session.isAllVerified ? 'all_verified' : line.verified >= line.amount ? 'line_complete' : 'counted';
      session.lastScan = { outcome, code, amount, productName: line.name, at: new Date().toISOString() };
      if (outcome === 'all_verified' && P.autoComplete) setTimeout(finish, 0);
      return base(code, { outcome, amount, product: candidate(line), session });
    }
    function open(pl, code, takeOver) {
      if (pl.blocked) return base(code, { kind: 'blocked', message: pl.blocked, session });
      if (!session || session.idpicklist !== pl.session.idpicklist) {
        template = pl;
        session = clone(pl.session);
        undo = [];
        recompute();
      }
      if (takeOver) session.assignedElsewhere = null;
      session.packer = state.packer;
      return base(code, { kind: 'opened', session });
    }
    function scan(input) {
      const code = input.code.trim();
      const amount = input.multiplier || 1;
      if (!state.packer) return base(code, { kind: 'no_packer' });
      const command = /^PD:(COMPLETE|UNDO|PROBLEM|REPRINT|CANCEL)$/i.exec(code);
      if (command) {
        const name = command[1].toUpperCase();
        if (name === 'UNDO' && session) doUndo();
        if (name === 'COMPLETE' && session && session.isAllVerified) finish();
        return base(code, { kind: 'command', command: name, session });
      }
      if (session) {
        const ids = Object.keys(template.barcodes).filter((id) => template.barcodes[id] === code).map(Number);
        const lines = session.lines.filter((l) => ids.includes(l.idpicklist_product));
        const products = [...new Set(lines.map((l) => l.idproduct))];
        if (products.length > 1) {
          session.lastScan = { outcome: 'ambiguous', code, amount, productName: null, at: new Date().toISOString() };
          P.pending = { code, amount };
          return base(code, { outcome: 'ambiguous', amount, productChoices: lines.map(candidate), session });
        }
        if (lines.length) {
          const line = lines.find((l) => l.verified < l.amount) || lines[0];
          return count(line, amount, code);
        }
        const other = P.catalogue.find((c) => c.barcode === code);
        if (other) {
          session.lastScan = { outcome: 'wrong_item', code, amount, productName: other.product.name, at: new Date().toISOString() };
          return base(code, { outcome: 'wrong_item', amount, product: other.product, session });
        }
      }
      const upper = code.toUpperCase();
      if (P.multi[upper]) {
        const choices = P.multi[upper].map((id) => P.picklists.find((p) => p.session.idpicklist === id).session)
          .map((s) => ({ idpicklist: s.idpicklist, picklistid: s.picklistid, customer: s.order.customer, reference: s.order.reference, status: s.picklistStatus }));
        return base(code, { kind: 'choose_picklist', picklistChoices: choices, session });
      }
      const pl = P.picklists.find((p) => p.codes.some((c) => c.toUpperCase() === upper));
      if (pl) return open(pl, code, false);
      if (session) {
        session.lastScan = { outcome: 'unknown_barcode', code, amount, productName: null, at: new Date().toISOString() };
        return base(code, { outcome: 'unknown_barcode', amount, session });
      }
      return base(code, { kind: 'not_found', message: null, session });
    }
    function doUndo() {
      const last = undo.pop();
      if (!last) return;
      const line = session.lines.find((l) => l.idpicklist_product === last.id);
      line.verified -= last.amount;
      recompute();
    }
    const names = ['scan.submit', 'pack.open', 'pack.current', 'pack.choose', 'pack.undo', 'pack.confirmLine', 'pack.setShipping', 'pack.complete', 'pack.problem', 'pack.leave', 'history.list', 'history.cancelShipment', 'history.reprint', 'outbox.status', 'commands.sheet'];
    return {
      handles: (name) => names.includes(name),
      get session() { return session; },
      finish,
      invoke(name, input) {
        switch (name) {
          case 'scan.submit': return later(scan(input));
          case 'pack.open': {
            const pl = P.picklists.find((p) => p.session.idpicklist === input.idpicklist);
            if (!pl) return fail('NOT_FOUND', 'No picklist ' + input.idpicklist);
            return later(open(pl, pl.session.picklistid, input.takeOver === true));
          }
          case 'pack.current': return later(session);
          case 'pack.choose': {
            if (!session) return fail('CONFLICT', 'No picklist open');
            const line = session.lines.find((l) => l.idproduct === input.idproduct && l.verified < l.amount) || session.lines.find((l) => l.idproduct === input.idproduct);
            const pending = P.pending || { code: '', amount: 1 };
            P.pending = null;
            return later(count(line, pending.amount, pending.code));
          }
          case 'pack.undo': if (!session) return fail('CONFLICT', 'No picklist open'); doUndo(); return later(base('', { kind: 'undone', amount: 1, session }));
          case 'pack.confirmLine': {
            const line = session.lines.find((l) => l.idpicklist_product === input.idpicklist_product);
            line.verified = Math.min(line.amount, line.verified + input.amount);
            line.manualReason = input.reason;
            undo.push({ id: line.idpicklist_product, amount: input.amount });
            recompute();
            if (session.isAllVerified && P.autoComplete) setTimeout(finish, 0);
            const outcome = session.isAllVerified ? 'all_verified' : line.verified >= line.amount ? 'line_complete' : 'counted';
            return later(base(line.productcode, { outcome, amount: input.amount, product: candidate(line), session }));
          }
          case 'pack.setShipping': {
            const sh = session.shipping;
            if (input.idshippingprovider_profile !== undefined) {
              sh.idshippingprovider_profile = input.idshippingprovider_profile;
              sh.profiles.forEach((p) => { p.isSelected = p.idshippingprovider_profile === input.idshippingprovider_profile; });
            }
            if (input.idpackaging === null) sh.packaging = null;
            if (input.weight !== undefined) {
              sh.isWeightManual = input.weight !== null;
              sh.weight = input.weight === null ? template.session.shipping.weight : input.weight;
            }
            return later(session);
          }
          case 'pack.complete':
            if (!session || !session.isAllVerified) return fail('CONFLICT', 'Not every line is verified');
            finish();
            return later(session);
          case 'pack.problem':
            session.state = 'problem';
            session.alert = 'Problem reported: ' + input.reason + (input.note ? ' (' + input.note + ')' : '');
            { const s = clone(session); setTimeout(() => { if (session && session.id === s.id) { session = null; changed(); } }, 40); }
            return later(session);
          case 'pack.leave': session = null; return later(null);
          case 'history.list': return later(P.history);
          case 'history.cancelShipment': {
            const parcel = P.history.find((p) => p.idpicklist === input.idpicklist);
            parcel.state = 'cancelled';
            parcel.canCancelUntil = null;
            return later(P.history);
          }
          case 'history.reprint': return later(P.history);
          case 'outbox.status': return later(P.outbox);
          case 'commands.sheet': return later({ filename: 'packdesk-commands.pdf', pdfBase64: btoa('%PDF-1.4 %%EOF') });
        }
        return fail('UNKNOWN_COMMAND', name);
      },
    };
  }
  function fail(code, message) { return Promise.resolve({ ok: false, error: { code, message } }); }
  function products() {
    if (data.products) return data.products;
    const found = new Map();
    if (data.pack) {
      for (const pl of data.pack.picklists) {
        for (const line of pl.session.lines) {
          if (found.has(line.idproduct)) continue;
          found.set(line.idproduct, { idproduct: line.idproduct, productcode: line.productcode, name: line.name, barcode: pl.barcodes[String(line.idpicklist_product)] || null, isActive: true });
        }
      }
      for (const c of data.pack.catalogue) {
        if (!found.has(c.product.idproduct)) found.set(c.product.idproduct, { idproduct: c.product.idproduct, productcode: c.product.productcode, name: c.product.name, barcode: c.barcode, isActive: true });
      }
    }
    return [...found.values()];
  }
  // The same checks, in the same words, as main's schema (shared/printing.ts printerConfig).
  function printerProblem(p) {
    if (p.driver === 'cups') {
      if (!String(p.queue || '').trim()) return 'printer.queue: Choose a CUPS queue';
      if (p.media !== undefined && !String(p.media).trim()) return 'printer.media: Too small: expected string to have >=1 characters';
    } else if (p.driver === 'raw-tcp') {
      const host = String(p.host || '').trim();
      if (!host) return "printer.host: Enter the printer's IP address or host name";
      if (!/^[A-Za-z0-9.:_-]+$/.test(host)) return 'printer.host: A host is an IP address or a host name, without http:// or a port';
      if (p.port !== undefined && (!Number.isInteger(p.port) || p.port < 1)) return 'printer.port: Too small: expected number to be >=1';
      if (p.port > 65535) return 'printer.port: Too big: expected number to be <=65535';
      if (p.format !== undefined && p.format !== 'zpl' && p.format !== 'pdf') return 'printer.format: Invalid option: expected one of "zpl"|"pdf"';
    } else if (p.driver === 'folder') {
      if (!String(p.path || '').trim()) return 'printer.path: Enter a folder';
    } else {
      return 'printer.driver: Invalid input';
    }
    return null;
  }
  function printerInfo(documentType, config, source) {
    if (!config) return { documentType, driver: null, description: null, health: null, config: null, source: null };
    const queue = config.driver === 'cups' ? (data.cupsQueues || []).find((q) => q.name === config.queue) : null;
    const description = config.driver === 'cups' ? 'cups:' + config.queue : config.driver === 'raw-tcp' ? 'raw-tcp:' + config.host + ':' + config.port : 'folder:' + config.path;
    const health = config.driver === 'cups'
      ? (queue ? { state: queue.state, message: queue.message } : { state: 'offline', message: 'No CUPS queue ' + config.queue })
      : config.driver === 'raw-tcp' && config.format === 'pdf' ? { state: 'unknown', message: null } : { state: 'ready', message: null };
    return { documentType, driver: config.driver, description, health, config, source };
  }
  function setPrinter(input) {
    const list = data.printers || (data.printers = []);
    let next;
    if (input.useFile) {
      const file = filePrinters.find((p) => p.documentType === input.documentType);
      next = file ? JSON.parse(JSON.stringify(file)) : printerInfo(input.documentType, null, null);
    } else if (input.printer === null) {
      next = printerInfo(input.documentType, null, null);
    } else {
      const problem = printerProblem(input.printer);
      if (problem) return fail('VALIDATION', problem);
      const p = input.printer;
      const config = p.driver === 'cups' ? Object.assign({ driver: 'cups', queue: p.queue.trim() }, p.media !== undefined ? { media: p.media.trim() } : {})
        : p.driver === 'raw-tcp' ? { driver: 'raw-tcp', host: p.host.trim(), port: p.port === undefined ? 9100 : p.port, format: p.format || 'zpl' }
        : { driver: 'folder', path: p.path.trim() };
      next = printerInfo(input.documentType, config, 'settings');
    }
    const index = list.findIndex((p) => p.documentType === input.documentType);
    if (index === -1) list.push(next); else list[index] = next;
    return ok(list);
  }
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
        case 'printers.list': return ok(data.printers || []);
        case 'printers.discover': return ok(data.cupsQueues || []);
        case 'printers.test': {
          const printer = (data.printers || []).find((p) => p.documentType === input.documentType);
          if (!printer || !printer.driver) return Promise.resolve({ ok: false, error: { code: 'NOT_CONFIGURED', message: 'No printer is set for ' + input.documentType } });
          testJobId += 1;
          const id = testJobId;
          setTimeout(() => emit('print.job', { id, kind: 'test', idpicklist: null, status: 'queued', error: null }), 0);
          setTimeout(() => emit('print.job', { id, kind: 'test', idpicklist: null, status: 'done', error: null }), 30);
          return ok(id);
        }
        case 'printers.set': return setPrinter(input);
        case 'products.search': {
          const query = String(input.query || '').trim().toLowerCase();
          if (!query) return fail('VALIDATION', 'query: Too small: expected string to have >=1 characters');
          return ok(products().filter((p) => (p.barcode || '').toLowerCase() === query || p.productcode.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)).slice(0, 50));
        }
        case 'products.printLabel': {
          if (!Number.isInteger(input.copies) || input.copies < 1) return fail('VALIDATION', 'copies: Too small: expected number to be >=1');
          if (input.copies > 99) return fail('VALIDATION', 'copies: Too big: expected number to be <=99');
          const product = products().find((p) => p.idproduct === input.idproduct);
          if (!product) return fail('NOT_FOUND', 'Product ' + input.idproduct + " is not in this station's cache.");
          const printer = (data.printers || []).find((p) => p.documentType === 'productLabel');
          labelJobId += 1;
          const id = labelJobId;
          const job = (status, error) => emit('print.job', { id, kind: 'product_label', idpicklist: null, status, error });
          setTimeout(() => job('queued', null), 0);
          if (!printer || !printer.driver) {
            setTimeout(() => job('failed', 'No printer is set for productLabel'), 20);
          } else {
            setTimeout(() => job('printing', null), 20);
            setTimeout(() => { labels.push({ idproduct: product.idproduct, copies: input.copies }); job('done', null); }, 60);
          }
          return ok(id);
        }
        case 'print.retry':
          setTimeout(() => emit('print.job', { id: input.id, kind: 'label', idpicklist: null, status: 'queued', error: null }), 0);
          return ok(true);
        case 'devices.list':
        case 'devices.refresh': return ok(data.devices || []);
        case 'devices.config': return ok({ config: data.devicesConfig || { scanners: [], scale: null, pollMs: 2000 }, source: data.devicesConfig ? 'settings' : 'default' });
        case 'devices.configure': {
          const config = input.useFile ? null : input.devices;
          data.devicesConfig = config;
          const used = config ? config.scanners.filter((s) => s.kind === 'hid-pos').map((s) => s.vendorId) : [];
          data.devices = (data.devices || []).map((d, i) => used.includes(d.vendorId)
            ? Object.assign({}, d, { id: 'scanners[' + used.indexOf(d.vendorId) + ']', configKey: 'devices.scanners[' + used.indexOf(d.vendorId) + ']', status: { state: 'connected', since: 1 } })
            : Object.assign({}, d, { configKey: null, status: { state: 'available' } }));
          setTimeout(() => emit('devices.changed', data.devices), 0);
          return ok(data.devices);
        }
        case 'scanner.testSheet': return ok({ filename: 'packdesk-scanner-test.pdf', pdfBase64: btoa('%PDF-1.4 %%EOF') });
      }
      if (pack && pack.handles(name)) return pack.invoke(name, input);
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
      isPractice: false,
      isConfigured: true,
      warehouse: { idwarehouse: 1, name: 'Hoofdmagazijn Eindhoven', isActive: true },
      stationName: 'Pack 1',
      language: 'en',
      packer: { iduser: 7, name: 'Sanne de Vries' },
      lead: openLeadState,
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
    printers: [
      { documentType: 'packingSlip', driver: 'cups', description: 'cups:Brother_HL', health: { state: 'ready', message: null }, config: { driver: 'cups', queue: 'Brother_HL' }, source: 'file' },
      { documentType: 'label', driver: 'raw-tcp', description: 'raw-tcp:10.0.0.50:9100', health: { state: 'paper_out', message: 'The printer is out of labels' }, config: { driver: 'raw-tcp', host: '10.0.0.50', port: 9100, format: 'zpl' }, source: 'settings' },
      { documentType: 'productLabel', driver: null, description: null, health: null, config: null, source: null },
    ],
    cupsQueues: [
      { name: 'Brother_HL', state: 'ready', message: null , source: 'cups' },
      { name: 'Office_Laser', state: 'disabled', message: 'Paper jam in tray 2' , source: 'cups' },
    ],
    ...overrides,
  };
}

const svgImage = (fill: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="${fill}"/><circle cx="32" cy="32" r="18" fill="#ffffff" opacity="0.7"/></svg>`)}`;

type LineSpec = Partial<PackSession['lines'][number]> & { id: number; name: string; amount: number; barcode: string | null };

function line(spec: LineSpec): PackSession['lines'][number] {
  return {
    idpicklist_product: spec.id,
    idproduct: spec.idproduct ?? spec.id + 5000,
    productcode: spec.productcode ?? `PD-${spec.id}`,
    name: spec.name,
    image: spec.image ?? null,
    stockLocation: spec.stockLocation ?? null,
    remarks: spec.remarks ?? null,
    amount: spec.amount,
    verified: 0,
    hasBarcode: spec.hasBarcode ?? spec.barcode !== null,
    isComposition: spec.isComposition ?? false,
    parentId: spec.parentId ?? null,
    manualReason: null,
  };
}

function sessionOf(item: QueueItem, lines: LineSpec[], overrides: Partial<PackSession> = {}): FakePicklist {
  const built = lines.map(line);
  const units = built.filter((l) => !l.isComposition).reduce((n, l) => n + l.amount, 0);
  const session: PackSession = {
    id: item.idpicklist * 10,
    idpicklist: item.idpicklist,
    picklistid: item.picklistid,
    state: 'packing',
    picklistStatus: item.status,
    order: {
      idorder: item.idorder,
      orderid: item.orderid,
      reference: item.reference,
      webshop: item.webshop,
      customer: item.customer,
      deliveryCountry: 'NL',
      customerRemarks: null,
      language: 'nl',
      fields: [],
    },
    tags: item.tags,
    comments: [],
    isUrgent: item.isUrgent,
    lines: built,
    units,
    verifiedUnits: 0,
    isAllVerified: false,
    packer: null,
    assignedElsewhere: null,
    shipping: {
      profiles: [
        { idshippingprovider_profile: 11, name: 'PostNL Standaard', isSelected: true, extraFields: [] },
        { idshippingprovider_profile: 12, name: 'PostNL Brievenbuspakje', isSelected: false, extraFields: [] },
        { idshippingprovider_profile: 13, name: 'DHL Parcel', isSelected: false, extraFields: [] },
      ],
      idshippingprovider_profile: 11,
      extraFields: {},
      areMethodsFromPicqer: false,
      isChoiceNeeded: false,
      packaging: null,
      weight: 1850,
      isWeightManual: false,
    },
    lastScan: null,
    alert: null,
    isOnline: true,
    pendingQuantity: null,
    ...overrides,
  };
  const barcodes: Record<string, string | null> = {};
  for (const spec of lines) barcodes[String(spec.id)] = spec.barcode;
  const codes = [item.picklistid, String(item.idpicklist), item.orderid, item.reference, item.reference?.split(' / ')[1]].filter((c): c is string => !!c);
  return { session, codes, barcodes, blocked: item.status === 'paused' ? `Paused in Picqer: ${item.pausedReason ?? ''}` : null };
}

/** Barcodes the pack fixture answers to, by what they do. */
export const packCodes = {
  espresso: '8712345000011',
  frother: '8712345000028',
  jam: '8712345000035',
  sprinkles: '8712345000042',
  spoon: '8712345000059',
  wrongItem: '8712345999990',
  unknown: '8799999999999',
  single: '8712345000066',
} as const;

export function packFixture(queue: QueueItem[] = queueFixture()): FakePack {
  const byId = (id: number) => {
    const item = queue.find((q) => q.idpicklist === id);
    if (!item) throw new Error(`no queue item ${id}`);
    return item;
  };
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const big = sessionOf(
    byId(101),
    [
      { id: 1, name: 'Koffiebonen Espresso 1 kg', productcode: 'KB-ESP-1000', amount: 2, barcode: packCodes.espresso, stockLocation: 'A-01-03', image: svgImage('#7b4a2a') },
      { id: 2, name: 'Melkopschuimer RVS', productcode: 'MO-RVS', amount: 1, barcode: packCodes.frother, stockLocation: 'B-12-01' },
      { id: 3, name: 'Cadeauverpakking rood', productcode: 'CADEAU-R', amount: 1, barcode: null, stockLocation: 'Balie', remarks: 'Om de koffie heen' },
      { id: 4, name: 'Ontbijtset Deluxe', productcode: 'SET-ONTBIJT', amount: 1, barcode: null, isComposition: true, hasBarcode: false, image: svgImage('#d98b1f') },
      { id: 5, name: 'Jam aardbei 450 g', productcode: 'JAM-AB', amount: 1, barcode: packCodes.jam, parentId: 4, stockLocation: 'C-02-07', image: svgImage('#c0142a') },
      { id: 6, name: 'Hagelslag puur', productcode: 'HS-PUUR', amount: 2, barcode: packCodes.sprinkles, parentId: 4, stockLocation: 'C-02-08' },
      { id: 7, name: 'Theelepel zilver', productcode: 'TL-ZILVER', idproduct: 7001, amount: 1, barcode: packCodes.spoon, stockLocation: 'D-01-01' },
      { id: 8, name: 'Theelepel goud', productcode: 'TL-GOUD', idproduct: 7002, amount: 1, barcode: packCodes.spoon, stockLocation: 'D-01-02' },
    ],
  );
  big.session.order.customerRemarks = 'Graag bij de buren afgeven als we niet thuis zijn.';
  big.session.order.fields = [{ title: 'Cadeaubericht', value: 'Gefeliciteerd met jullie nieuwe huis!' }];
  big.session.comments = [{ author: 'Mehmet Yilmaz', body: 'Klant belde: rood cadeaupapier graag.', created: at(90) }];
  const small = sessionOf(byId(102), [{ id: 21, name: 'Fietslamp LED voor', productcode: 'FL-LED-V', amount: 3, barcode: packCodes.single, stockLocation: 'F-03-02' }], {
    assignedElsewhere: { iduser: 8, name: 'Mehmet Yilmaz' },
  });
  const paused = sessionOf(byId(103), [{ id: 31, name: 'Binnenband 28"', amount: 2, barcode: '8712345000073' }]);
  const studio = sessionOf(byId(105), [{ id: 51, name: 'Notitieboek A5', amount: 1, barcode: '8712345000080' }]);
  return {
    picklists: [big, small, paused, studio],
    catalogue: [{ barcode: packCodes.wrongItem, product: { idproduct: 9001, name: 'Koffiefilters nr. 4', productcode: 'KF-4', image: null } }],
    multi: { 'LS-DOUBLE': [105, 101] },
    history: [
      {
        idshipment: 7001, idpicklist: 201, picklistid: 'P2026-0201', customer: 'Café Het Hoekje', packer: { iduser: 7, name: 'Sanne de Vries' }, packedAt: at(2),
        shippingMethod: 'PostNL Standaard', trackingCode: '3SPDK0001234567', state: 'shipped', canCancelUntil: new Date(now + 3 * 60_000).toISOString(), cancelledBy: null, cancelledAt: null, cancelReason: null,
        printJobs: [{ id: 1, kind: 'label', status: 'done', error: null }, { id: 2, kind: 'packing_slip', status: 'done', error: null }],
      },
      {
        idshipment: null, idpicklist: 202, picklistid: 'P2026-0202', customer: 'M. de Boer', packer: { iduser: 8, name: 'Mehmet Yilmaz' }, packedAt: at(25),
        shippingMethod: 'DHL Parcel', trackingCode: null, state: 'labels_pending', canCancelUntil: null, cancelledBy: null, cancelledAt: null, cancelReason: null,
        printJobs: [{ id: 3, kind: 'packing_slip', status: 'failed', error: 'Printer "Pakbon" is offline' }],
      },
      {
        idshipment: 7003, idpicklist: 203, picklistid: 'P2026-0203', customer: 'Studio Noord', packer: { iduser: 7, name: 'Sanne de Vries' }, packedAt: at(48),
        shippingMethod: 'PostNL Brievenbuspakje', trackingCode: '3SPDK0007654321', state: 'shipped', canCancelUntil: at(43), cancelledBy: null, cancelledAt: null, cancelReason: null,
        printJobs: [{ id: 4, kind: 'label', status: 'done', error: null }, { id: 5, kind: 'packing_slip', status: 'done', error: null }],
      },
    ],
    outbox: { pending: 0, failed: 0, labelsPending: [], lastError: null },
    autoComplete: false,
    latencyMs: 5,
  };
}
