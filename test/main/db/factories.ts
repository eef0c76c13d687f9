import type {
  PicqerOrder,
  PicqerPicklist,
  PicqerPicklistLine,
  PicqerProduct,
  PicqerTag,
  PicqerUser,
  PicqerWarehouse,
} from '../../../electron/main/picqer/types';

/* Normalised Picqer records with plausible defaults, for db and sync tests. */

export function warehouse(over: Partial<PicqerWarehouse> = {}): PicqerWarehouse {
  return { idwarehouse: 1, name: 'Main', active: true, ...over };
}

export function user(over: Partial<PicqerUser> = {}): PicqerUser {
  return {
    iduser: 10,
    username: 'anna',
    firstname: 'Anna',
    lastname: 'de Vries',
    emailaddress: null,
    language: 'nl',
    admin: false,
    active: true,
    idpacking_station: null,
    ...over,
  };
}

export function tag(over: Partial<PicqerTag> = {}): PicqerTag {
  return { idtag: 1, title: 'Fragile', color: '#ff0000', textColor: '#ffffff', ...over };
}

export function product(over: Partial<PicqerProduct> = {}): PicqerProduct {
  const idproduct = over.idproduct ?? 100;
  return {
    idproduct,
    productcode: `SKU-${idproduct}`,
    name: `Product ${idproduct}`,
    barcode: null,
    productcode_supplier: null,
    type: 'normal',
    active: true,
    weight: 250,
    length: null,
    width: null,
    height: null,
    images: [],
    updated: '2026-11-01 10:00:00',
    raw: { idproduct },
    ...over,
  };
}

export function line(over: Partial<PicqerPicklistLine> = {}): PicqerPicklistLine {
  const id = over.idpicklist_product ?? 1000;
  return {
    idpicklist_product: id,
    idproduct: 100,
    idorder_product: null,
    productcode: 'SKU-100',
    name: 'Product 100',
    remarks: null,
    amount: 1,
    amount_picked: 0,
    stocklocation: null,
    has_parts: false,
    partof_idpicklist_product: null,
    pick_locations: [],
    ...over,
  };
}

export function picklist(over: Partial<PicqerPicklist> = {}): PicqerPicklist {
  const idpicklist = over.idpicklist ?? 5000;
  return {
    idpicklist,
    picklistid: `P2026-${idpicklist}`,
    idorder: null,
    idwarehouse: 1,
    idcustomer: null,
    idtemplate: null,
    idshippingprovider_profile: null,
    deliveryname: `Customer ${idpicklist}`,
    deliverycontact: null,
    deliveryaddress: null,
    deliveryaddress2: null,
    deliveryzipcode: null,
    deliverycity: null,
    deliveryregion: null,
    deliverycountry: 'NL',
    emailaddress: null,
    telephone: null,
    reference: null,
    assigned_to_iduser: null,
    urgent: false,
    preferred_delivery_date: null,
    status: 'new',
    paused_reason: null,
    snoozed_until: null,
    totalproducts: 1,
    totalpicked: 0,
    weight: null,
    comment_count: 0,
    tags: [],
    created: '2026-11-01 08:00:00',
    updated: '2026-11-01 08:00:00',
    closed_at: null,
    products: [line({ idpicklist_product: idpicklist * 10 })],
    raw: { idpicklist },
    ...over,
  };
}

export function order(over: Partial<PicqerOrder> = {}): PicqerOrder {
  const idorder = over.idorder ?? 7000;
  return {
    idorder,
    orderid: `O2026-${idorder}`,
    reference: null,
    status: 'processing',
    paused_reason: null,
    customer_remarks: null,
    language: 'nl',
    idtemplate: null,
    preferred_delivery_date: null,
    deliveryname: `Customer of ${idorder}`,
    deliverycountry: 'NL',
    invoicename: null,
    emailaddress: null,
    telephone: null,
    orderfields: [],
    tags: [],
    created: '2026-11-01 07:00:00',
    updated: '2026-11-01 07:00:00',
    raw: { idorder },
    ...over,
  };
}
