import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/connection';
import { normaliseScanInput } from '../../../electron/main/packing/scan-input';
import { findProductsByCode, upsertProducts } from '../../../electron/main/db/queries/products';
import {
  findPicklistsByScan,
  listQueue,
  missingOrderIds,
  removePicklists,
  replacePickingContainers,
  upsertPicklists,
} from '../../../electron/main/db/queries/picklists';
import { replaceShippingProviders, shippingProfilesWithCarrier } from '../../../electron/main/db/queries/shipping-profiles';
import { getUser, getUsers, replaceUsers } from '../../../electron/main/db/queries/users';
import { getWarehouse, getWarehouses, replaceWarehouses } from '../../../electron/main/db/queries/warehouses';
import { line, order, picklist, product, tag, user, warehouse } from './factories';
import { upsertOrders } from '../../../electron/main/db/queries/orders';

const at = '2026-11-02T09:00:00.000Z';
let db: Database;

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('products and the barcode index', () => {
  it('finds a product by every spelling of its GTIN, by productcode in any case, and through the AIM prefix', () => {
    upsertProducts(db, [product({ idproduct: 1, productcode: 'Mug-Red', barcode: '0012345678905' })], at);
    for (const scan of ['012345678905', '0012345678905', '00012345678905', ']E0012345678905', '(01)00012345678905', 'mug-red', ']A0MUG-RED']) {
      // As the router asks: the AIM identifier taken off where the scan entered main.
      const entered = normaliseScanInput({ code: scan, source: 'wedge' });
      expect(findProductsByCode(db, entered.code, entered.aim).map((p) => p.idproduct), scan).toEqual([1]);
    }
    expect(findProductsByCode(db, '012345678904')).toEqual([]);
    expect(findProductsByCode(db, 'unknown')).toEqual([]);
  });

  it('returns every product that shares a barcode, active ones first', () => {
    upsertProducts(
      db,
      [
        product({ idproduct: 1, barcode: '4006381333931', active: false }),
        product({ idproduct: 2, barcode: '4006381333931' }),
        product({ idproduct: 3, barcode: '96385074' }),
      ],
      at,
    );
    const found = findProductsByCode(db, '4006381333931');
    expect(found.map((p) => [p.idproduct, p.isActive])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(found[0]?.matchedBy).toBe('barcode');
  });

  it('re-indexes a changed barcode: the old code stops matching, the new one matches', () => {
    upsertProducts(db, [product({ idproduct: 1, barcode: '4006381333931' })], at);
    upsertProducts(db, [product({ idproduct: 1, barcode: '96385074' })], at);
    expect(findProductsByCode(db, '4006381333931')).toEqual([]);
    expect(findProductsByCode(db, '96385074').map((p) => p.idproduct)).toEqual([1]);
  });
});

describe('reference data', () => {
  it('names users by first and last name, else username, and drops users Picqer no longer lists', () => {
    replaceUsers(db, [user({ iduser: 1 }), user({ iduser: 2, username: 'bot', firstname: null, lastname: ' ', active: false })], at);
    expect(getUsers(db).map((u) => u.name)).toEqual(['bot', 'Anna de Vries']);
    expect(getUsers(db, { activeOnly: true }).map((u) => u.iduser)).toEqual([1]);
    replaceUsers(db, [user({ iduser: 2, username: 'bot' })], at);
    expect(getUser(db, 1)).toBeNull();
    expect(getUser(db, 2)?.username).toBe('bot');
  });

  it('keeps warehouses and shipping profiles as Picqer lists them', () => {
    replaceWarehouses(db, [warehouse({ idwarehouse: 2, name: 'Zwolle' }), warehouse({ idwarehouse: 1, name: 'Amsterdam', active: false })], at);
    expect(getWarehouses(db).map((w) => w.name)).toEqual(['Amsterdam', 'Zwolle']);
    expect(getWarehouse(db, 1)).toEqual({ idwarehouse: 1, name: 'Amsterdam', isActive: false });
    const profile = { idshippingprovider_profile: 9, name: 'Standard', standard: true, active: true };
    replaceShippingProviders(db, [{ idshippingprovider: 3, name: 'PostNL', provider: 'postnl', active: true, profiles: [profile] }], at);
    replaceShippingProviders(db, [{ idshippingprovider: 3, name: 'PostNL', provider: 'postnl', active: true, profiles: [] }], at);
    expect(db.prepare('SELECT COUNT(*) AS n FROM shipping_profiles').get()).toEqual({ n: 0 });
  });
});

describe('listQueue', () => {
  beforeEach(() => {
    replaceUsers(db, [user({ iduser: 10 }), user({ iduser: 11, username: 'jan', firstname: null, lastname: null })], at);
  });

  it('lists open picklists of the warehouse: urgent first, then preferred delivery date, then oldest', () => {
    upsertPicklists(
      db,
      [
        picklist({ idpicklist: 1, created: '2026-11-01 08:00:00' }),
        picklist({ idpicklist: 2, created: '2026-11-01 07:00:00' }),
        picklist({ idpicklist: 3, urgent: true, created: '2026-11-01 12:00:00' }),
        picklist({ idpicklist: 4, preferred_delivery_date: '2026-11-03' }),
        picklist({ idpicklist: 5, preferred_delivery_date: '2026-11-02' }),
        picklist({ idpicklist: 6, status: 'paused', paused_reason: 'Waiting for stock' }),
        picklist({ idpicklist: 7, status: 'snoozed' }),
        picklist({ idpicklist: 8, status: 'closed' }),
        picklist({ idpicklist: 9, status: 'cancelled' }),
        picklist({ idpicklist: 10, idwarehouse: 2 }),
      ],
      at,
    );
    const queue = listQueue(db, { idwarehouse: 1 });
    expect(queue.map((q) => q.idpicklist)).toEqual([3, 5, 4, 2, 1, 6, 7]);
    expect(queue.find((q) => q.idpicklist === 6)).toMatchObject({ status: 'paused', pausedReason: 'Waiting for stock' });
  });

  it('names each picklist’s carrier and the cut-off set for its shipping profile', () => {
    const profile = (id: number, name: string) => ({ idshippingprovider_profile: id, name, standard: false, active: true });
    replaceShippingProviders(db, [{ idshippingprovider: 3, name: 'PostNL', provider: 'postnl', active: true, profiles: [profile(7, 'Standard'), profile(8, 'Evening')] }], at);
    upsertPicklists(
      db,
      [picklist({ idpicklist: 1, idshippingprovider_profile: 7 }), picklist({ idpicklist: 2, idshippingprovider_profile: 8 }), picklist({ idpicklist: 3 })],
      at,
    );
    expect(shippingProfilesWithCarrier(db)).toEqual([
      { idshippingproviderProfile: 8, carrier: 'PostNL', name: 'Evening' },
      { idshippingproviderProfile: 7, carrier: 'PostNL', name: 'Standard' },
    ]);
    const queue = listQueue(db, { idwarehouse: 1, cutOffs: new Map([[7, '16:00']]) });
    const byId = (id: number) => queue.find((q) => q.idpicklist === id);
    expect(byId(1)).toMatchObject({ idshippingproviderProfile: 7, carrier: 'PostNL', cutOff: '16:00' });
    expect(byId(2)).toMatchObject({ idshippingproviderProfile: 8, carrier: 'PostNL', cutOff: null });
    expect(byId(3)).toMatchObject({ idshippingproviderProfile: null, carrier: null, cutOff: null });
  });

  it('counts lines and units without composition parts, and shows assignee, tags, order and webshop', () => {
    upsertPicklists(
      db,
      [
        picklist({
          idpicklist: 1,
          idorder: 70,
          reference: 'PS #73 / ITQRFWVHT',
          assigned_to_iduser: 10,
          tags: [tag({ idtag: 1 }), tag({ idtag: 2, title: 'VIP', color: '#00ff00', textColor: null })],
          products: [
            line({ idpicklist_product: 11, amount: 2 }),
            line({ idpicklist_product: 12, amount: 1, has_parts: true }),
            line({ idpicklist_product: 13, amount: 3, partof_idpicklist_product: 12 }),
            line({ idpicklist_product: 14, amount: 1, partof_idpicklist_product: 12 }),
          ],
        }),
        picklist({ idpicklist: 2, assigned_to_iduser: 11, deliveryname: null, idorder: 71 }),
        picklist({ idpicklist: 3, assigned_to_iduser: 99 }),
      ],
      at,
    );
    upsertOrders(db, [order({ idorder: 70, orderid: '20260073', reference: 'PS #73 / ITQRFWVHT' }), order({ idorder: 71, deliveryname: 'Bakkerij Jansen' })], at);
    const [first, second, third] = listQueue(db, { idwarehouse: 1 });
    expect(first).toMatchObject({
      idpicklist: 1,
      orderid: '20260073',
      idorder: 70,
      customer: 'Customer 1',
      reference: 'PS #73 / ITQRFWVHT',
      webshop: 'PrestaShop',
      lineCount: 2,
      units: 3,
      isUrgent: false,
      assignedTo: { iduser: 10, name: 'Anna de Vries' },
    });
    expect(first?.tags).toEqual([
      { idtag: 1, title: 'Fragile', color: '#ff0000', textColor: '#ffffff' },
      { idtag: 2, title: 'VIP', color: '#00ff00', textColor: null },
    ]);
    expect(second).toMatchObject({ customer: 'Bakkerij Jansen', assignedTo: { iduser: 11, name: 'jan' }, webshop: null, tags: [] });
    expect(third?.assignedTo).toEqual({ iduser: 99, name: '#99' });
  });

  it('searches picklistid, orderid, full and bare reference and customer, ignoring case and accents', () => {
    upsertPicklists(
      db,
      [
        picklist({ idpicklist: 1, picklistid: 'P2026-0451', idorder: 70, reference: 'PS #73 / ITQRFWVHT', deliveryname: 'Jürgen Müller' }),
        picklist({ idpicklist: 2, picklistid: 'P2026-0452', deliveryname: 'Ana Smit' }),
      ],
      at,
    );
    upsertOrders(db, [order({ idorder: 70, orderid: 'O-20260073' })], at);
    const search = (s: string) => listQueue(db, { idwarehouse: 1, search: s }).map((q) => q.idpicklist);
    expect(search('p2026-0451')).toEqual([1]);
    expect(search('0260073')).toEqual([1]);
    expect(search('ps #73 / itqrfwvht')).toEqual([1]);
    expect(search('itqrf')).toEqual([1]);
    expect(search('muller')).toEqual([1]);
    expect(search('MÜLLER')).toEqual([1]);
    expect(search('smit')).toEqual([2]);
    expect(search('P2026')).toEqual([1, 2]);
    expect(search('   ')).toEqual([1, 2]);
    expect(search('%')).toEqual([]);
    expect(search('nobody')).toEqual([]);
  });
});

describe('upserts report the queue rows they changed', () => {
  it('reports new and changed picklists, not unchanged ones', () => {
    expect(upsertPicklists(db, [picklist({ idpicklist: 1 }), picklist({ idpicklist: 2 })], at)).toEqual([1, 2]);
    expect(upsertPicklists(db, [picklist({ idpicklist: 1 }), picklist({ idpicklist: 2, status: 'paused' })], at)).toEqual([2]);
    expect(upsertPicklists(db, [picklist({ idpicklist: 1, totalpicked: 1, comment_count: 3 })], at)).toEqual([]);
  });

  it('reports the picklists of an order whose number, reference or customer changed', () => {
    upsertPicklists(db, [picklist({ idpicklist: 1, idorder: 70 }), picklist({ idpicklist: 2, idorder: 70 })], at);
    expect(upsertOrders(db, [order({ idorder: 70 })], at)).toEqual([1, 2]);
    expect(upsertOrders(db, [order({ idorder: 70, customer_remarks: 'ring twice' })], at)).toEqual([]);
    expect(upsertOrders(db, [order({ idorder: 70, reference: 'X' })], at)).toEqual([1, 2]);
  });

  it('stores order fields, tags, remarks and the parsed reference', () => {
    upsertOrders(
      db,
      [
        order({
          idorder: 70,
          reference: 'PS #73 / ITQRFWVHT',
          customer_remarks: 'Leave at the door',
          orderfields: [{ idorderfield: 1, title: 'Gift', value: 'yes' }],
          tags: [tag({ idtag: 5, title: 'Gift' })],
        }),
      ],
      at,
    );
    expect(db.prepare('SELECT webshop_prefix, shop_order_id, shop_reference, customer_remarks FROM orders').get()).toEqual({
      webshop_prefix: 'PS',
      shop_order_id: '73',
      shop_reference: 'ITQRFWVHT',
      customer_remarks: 'Leave at the door',
    });
    expect(db.prepare('SELECT title, value FROM order_fields').all()).toEqual([{ title: 'Gift', value: 'yes' }]);
    expect(db.prepare('SELECT t.title FROM order_tags ot JOIN tags t USING (idtag)').all()).toEqual([{ title: 'Gift' }]);
  });

  it('removing picklists takes their lines and now orphaned orders along', () => {
    upsertPicklists(db, [picklist({ idpicklist: 1, idorder: 70 }), picklist({ idpicklist: 2, idorder: 71 })], at);
    upsertOrders(db, [order({ idorder: 70 }), order({ idorder: 71 })], at);
    removePicklists(db, [1]);
    expect(db.prepare('SELECT idorder FROM orders').all()).toEqual([{ idorder: 71 }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM picklist_lines WHERE idpicklist = 1').get()).toEqual({ n: 0 });
    expect(missingOrderIds(db, 1)).toEqual([]);
  });
});

describe('findPicklistsByScan', () => {
  beforeEach(() => {
    upsertPicklists(
      db,
      [
        picklist({ idpicklist: 9001, picklistid: 'P2026-0451', idorder: 70, reference: 'PS #73 / ITQRFWVHT' }),
        picklist({ idpicklist: 9002, picklistid: 'P2026-0452', status: 'closed' }),
        picklist({ idpicklist: 9003, picklistid: 'P2026-0453', idorder: 71, reference: null }),
      ],
      at,
    );
    upsertOrders(db, [order({ idorder: 70, orderid: '20260073' }), order({ idorder: 71, orderid: '20260074', reference: 'WC #12 / ABC-9' })], at);
    replacePickingContainers(db, [{ idpicking_container: 1, name: 'BIN-07', barcode: 'C0007', idpicklist: 9002 }], at);
  });

  // As the router asks: the AIM identifier taken off where the scan entered main.
  const scan = (code: string) => findPicklistsByScan(db, normaliseScanInput({ code, source: 'wedge' }).code).map((m) => [m.idpicklist, m.matchedBy]);

  it('opens by picklistid, idpicklist, order number, full and bare reference, and picking container', () => {
    expect(scan('P2026-0451')).toEqual([[9001, 'picklistid']]);
    expect(scan('p2026-0451')).toEqual([[9001, 'picklistid']]);
    expect(scan(']A0P2026-0451\r\n')).toEqual([[9001, 'picklistid']]);
    expect(scan('9001')).toEqual([[9001, 'idpicklist']]);
    expect(scan('20260073')).toEqual([[9001, 'orderid']]);
    expect(scan('PS #73 / ITQRFWVHT')).toEqual([[9001, 'reference']]);
    expect(scan('PS#73/ITQRFWVHT')).toEqual([[9001, 'shop_reference']]);
    expect(scan('ITQRFWVHT')).toEqual([[9001, 'shop_reference']]);
    expect(scan('itqrfwvht')).toEqual([[9001, 'shop_reference']]);
    expect(scan('ABC-9')).toEqual([[9003, 'shop_reference']]);
    expect(scan('BIN-07')).toEqual([[9002, 'picking_container']]);
    expect(scan('C0007')).toEqual([[9002, 'picking_container']]);
  });

  it('returns closed picklists with their status for the pack loop to refuse, and nothing for unknown codes', () => {
    expect(findPicklistsByScan(db, 'P2026-0452')[0]).toMatchObject({ status: 'closed', idwarehouse: 1 });
    expect(findPicklistsByScan(db, 'nothing')).toEqual([]);
    expect(findPicklistsByScan(db, '  ')).toEqual([]);
  });
});
