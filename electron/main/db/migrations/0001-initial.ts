import type { Migration } from './types';

/*
 * The pulled cache (reference data, products and their codes, open picklists and their orders)
 * and the station's own records (pack sessions, scans, shipments, print jobs, outbox).
 * Pulled rows keep Picqer's ids as primary keys and the raw payload in raw_json for debugging;
 * everything the app filters or sorts on is a real column. Codes a packer scans or searches are
 * declared COLLATE NOCASE so their plain indexes answer case-insensitive lookups.
 * Pulled tables carry no foreign keys to each other (a picklist may arrive before its order);
 * child tables cascade from their parent so a re-pulled parent replaces its children.
 */
const schema = `
CREATE TABLE warehouses (
  idwarehouse INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  is_active INTEGER NOT NULL,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);

CREATE TABLE users (
  iduser INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  firstname TEXT,
  lastname TEXT,
  emailaddress TEXT,
  language TEXT,
  is_admin INTEGER NOT NULL,
  is_active INTEGER NOT NULL,
  idpacking_station INTEGER,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);

CREATE TABLE shipping_providers (
  idshippingprovider INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  provider TEXT NOT NULL,
  is_active INTEGER NOT NULL,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);

CREATE TABLE shipping_profiles (
  idshippingprovider_profile INTEGER PRIMARY KEY,
  idshippingprovider INTEGER NOT NULL REFERENCES shipping_providers (idshippingprovider) ON DELETE CASCADE,
  name TEXT NOT NULL,
  is_standard INTEGER NOT NULL,
  is_active INTEGER NOT NULL,
  raw_json TEXT
);
CREATE INDEX shipping_profiles_provider ON shipping_profiles (idshippingprovider);

CREATE TABLE packagings (
  idpackaging INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  barcode TEXT COLLATE NOCASE,
  length REAL,
  width REAL,
  height REAL,
  is_active INTEGER NOT NULL,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX packagings_barcode ON packagings (barcode);

CREATE TABLE tags (
  idtag INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  color TEXT,
  text_color TEXT,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);

CREATE TABLE templates (
  idtemplate INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);

CREATE TABLE products (
  idproduct INTEGER PRIMARY KEY,
  productcode TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL,
  barcode TEXT,
  productcode_supplier TEXT,
  type TEXT NOT NULL,
  is_active INTEGER NOT NULL,
  weight INTEGER,
  image_url TEXT,
  updated TEXT,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX products_productcode ON products (productcode);
CREATE INDEX products_updated ON products (updated);

-- Every code that identifies a product. Not unique: two products may share a barcode, and the
-- pack loop then asks the packer to choose.
CREATE TABLE product_barcodes (
  idproduct INTEGER NOT NULL REFERENCES products (idproduct) ON DELETE CASCADE,
  code TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('barcode', 'productcode', 'gtin')),
  PRIMARY KEY (idproduct, code)
) WITHOUT ROWID;
CREATE INDEX product_barcodes_code ON product_barcodes (code);

CREATE TABLE picklists (
  idpicklist INTEGER PRIMARY KEY,
  picklistid TEXT NOT NULL COLLATE NOCASE,
  idorder INTEGER,
  idwarehouse INTEGER NOT NULL,
  idcustomer INTEGER,
  idtemplate INTEGER,
  idshippingprovider_profile INTEGER,
  deliveryname TEXT,
  deliverycontact TEXT,
  deliveryaddress TEXT,
  deliveryaddress2 TEXT,
  deliveryzipcode TEXT,
  deliverycity TEXT,
  deliveryregion TEXT,
  deliverycountry TEXT,
  emailaddress TEXT,
  telephone TEXT,
  reference TEXT COLLATE NOCASE,
  shop_reference TEXT COLLATE NOCASE,
  assigned_to_iduser INTEGER,
  is_urgent INTEGER NOT NULL,
  preferred_delivery_date TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'paused', 'closed', 'snoozed', 'cancelled')),
  paused_reason TEXT,
  snoozed_until TEXT,
  totalproducts INTEGER NOT NULL,
  totalpicked INTEGER NOT NULL,
  weight INTEGER,
  comment_count INTEGER NOT NULL,
  created TEXT,
  updated TEXT,
  closed_at TEXT,
  queue_fingerprint TEXT NOT NULL,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX picklists_queue ON picklists (idwarehouse, status);
CREATE INDEX picklists_picklistid ON picklists (picklistid);
CREATE INDEX picklists_idorder ON picklists (idorder);
CREATE INDEX picklists_reference ON picklists (reference);
CREATE INDEX picklists_shop_reference ON picklists (shop_reference);

CREATE TABLE picklist_tags (
  idpicklist INTEGER NOT NULL REFERENCES picklists (idpicklist) ON DELETE CASCADE,
  idtag INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (idpicklist, idtag)
) WITHOUT ROWID;

CREATE TABLE picklist_lines (
  idpicklist_product INTEGER PRIMARY KEY,
  idpicklist INTEGER NOT NULL REFERENCES picklists (idpicklist) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  idproduct INTEGER NOT NULL,
  idorder_product INTEGER,
  productcode TEXT NOT NULL,
  name TEXT NOT NULL,
  remarks TEXT,
  amount INTEGER NOT NULL,
  amount_picked INTEGER NOT NULL,
  stocklocation TEXT,
  has_parts INTEGER NOT NULL,
  partof_idpicklist_product INTEGER,
  pick_locations_json TEXT NOT NULL
);
CREATE INDEX picklist_lines_picklist ON picklist_lines (idpicklist, position);
CREATE INDEX picklist_lines_product ON picklist_lines (idproduct);

CREATE TABLE orders (
  idorder INTEGER PRIMARY KEY,
  orderid TEXT NOT NULL COLLATE NOCASE,
  reference TEXT COLLATE NOCASE,
  webshop_prefix TEXT,
  shop_order_id TEXT,
  shop_reference TEXT COLLATE NOCASE,
  status TEXT NOT NULL,
  paused_reason TEXT,
  customer_remarks TEXT,
  language TEXT,
  idtemplate INTEGER,
  preferred_delivery_date TEXT,
  deliveryname TEXT,
  deliverycountry TEXT,
  invoicename TEXT,
  emailaddress TEXT,
  telephone TEXT,
  created TEXT,
  updated TEXT,
  queue_fingerprint TEXT NOT NULL,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX orders_orderid ON orders (orderid);
CREATE INDEX orders_reference ON orders (reference);
CREATE INDEX orders_shop_reference ON orders (shop_reference);

CREATE TABLE order_fields (
  idorder INTEGER NOT NULL REFERENCES orders (idorder) ON DELETE CASCADE,
  idorderfield INTEGER NOT NULL,
  title TEXT NOT NULL,
  value TEXT,
  PRIMARY KEY (idorder, idorderfield)
) WITHOUT ROWID;

CREATE TABLE order_tags (
  idorder INTEGER NOT NULL REFERENCES orders (idorder) ON DELETE CASCADE,
  idtag INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (idorder, idtag)
) WITHOUT ROWID;

CREATE TABLE picking_containers (
  idpicking_container INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  barcode TEXT COLLATE NOCASE,
  idpicklist INTEGER,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX picking_containers_name ON picking_containers (name);
CREATE INDEX picking_containers_barcode ON picking_containers (barcode);
CREATE INDEX picking_containers_picklist ON picking_containers (idpicklist);

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE pack_sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  idpicklist INTEGER NOT NULL,
  iduser INTEGER,
  station_name TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'completing', 'labels_pending', 'completed', 'problem', 'abandoned')),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX pack_sessions_picklist ON pack_sessions (idpicklist, status);

CREATE TABLE scan_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pack_session_id INTEGER NOT NULL REFERENCES pack_sessions (id),
  idpicklist INTEGER NOT NULL,
  iduser INTEGER,
  code TEXT NOT NULL,
  source TEXT NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 1,
  outcome TEXT NOT NULL,
  idproduct INTEGER,
  idpicklist_product INTEGER,
  reason TEXT,
  scanned_at TEXT NOT NULL,
  undone_at TEXT
);
CREATE INDEX scan_events_session ON scan_events (pack_session_id, id);
CREATE INDEX scan_events_scanned_at ON scan_events (scanned_at);

CREATE TABLE shipments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  idshipment INTEGER UNIQUE,
  idpicklist INTEGER NOT NULL,
  pack_session_id INTEGER REFERENCES pack_sessions (id),
  idshippingprovider_profile INTEGER,
  idpackaging INTEGER,
  weight INTEGER,
  status TEXT NOT NULL CHECK (status IN ('pending', 'created', 'cancelled', 'failed')),
  trackingcode TEXT,
  tracking_url TEXT,
  label_url TEXT,
  label_format TEXT,
  created_at TEXT NOT NULL,
  cancelled_at TEXT,
  raw_json TEXT
);
CREATE INDEX shipments_picklist ON shipments (idpicklist);

CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('label', 'packing_slip', 'product_label', 'test')),
  idpicklist INTEGER,
  shipment_id INTEGER REFERENCES shipments (id),
  printer TEXT NOT NULL,
  format TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'printing', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  document_path TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX print_jobs_status ON print_jobs (status, id);

-- Changes waiting to reach Picqer, replayed in id order per picklist.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  idpicklist INTEGER,
  kind TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'unknown', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_picklist ON outbox (idpicklist, id);
`;

const migration: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(schema);
  },
};

export default migration;
