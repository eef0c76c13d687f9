import type { Migration } from './types';

/*
 * Picqer's picklist batches (issue 17), cached like picklists so a batch's barcode opens at once
 * and a restart mid-batch finds it. A batch keeps its picklists in the order Picqer lists them,
 * numbered 1..n as `slot`: the number the station shows for "this unit goes here", stable for
 * the life of the batch. The per-product amounts are the detail's `products[].picklists[]`.
 * Neither child table points at picklists: a batch may name a picklist sync has not pulled yet.
 * `picklists.idpicklist_batch` says which batch a cached picklist is in, as the batch says.
 */

const migration: Migration = {
  version: 9,
  name: 'picklist-batches',
  up(db) {
    db.exec(`
CREATE TABLE picklist_batches (
  idpicklist_batch INTEGER PRIMARY KEY,
  picklist_batchid TEXT NOT NULL COLLATE NOCASE,
  idwarehouse INTEGER,
  type TEXT NOT NULL CHECK (type IN ('singles', 'normal')),
  status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
  assigned_to_iduser INTEGER,
  assigned_to_name TEXT,
  total_products INTEGER NOT NULL,
  total_picklists INTEGER NOT NULL,
  completed_at TEXT,
  created_at TEXT,
  updated_at TEXT,
  has_detail INTEGER NOT NULL DEFAULT 0,
  raw_json TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX picklist_batches_open ON picklist_batches (idwarehouse, status);
CREATE INDEX picklist_batches_batchid ON picklist_batches (picklist_batchid);

CREATE TABLE picklist_batch_picklists (
  idpicklist_batch INTEGER NOT NULL REFERENCES picklist_batches (idpicklist_batch) ON DELETE CASCADE,
  idpicklist INTEGER NOT NULL,
  slot INTEGER NOT NULL CHECK (slot >= 1),
  picklistid TEXT COLLATE NOCASE,
  reference TEXT,
  alias TEXT,
  status TEXT,
  PRIMARY KEY (idpicklist_batch, idpicklist),
  UNIQUE (idpicklist_batch, slot)
);
CREATE INDEX picklist_batch_picklists_idpicklist ON picklist_batch_picklists (idpicklist);

CREATE TABLE picklist_batch_products (
  idpicklist_batch INTEGER NOT NULL REFERENCES picklist_batches (idpicklist_batch) ON DELETE CASCADE,
  idproduct INTEGER NOT NULL,
  idpicklist INTEGER NOT NULL,
  productcode TEXT,
  name TEXT,
  amount INTEGER NOT NULL,
  amount_picked INTEGER NOT NULL,
  amount_collected INTEGER NOT NULL,
  PRIMARY KEY (idpicklist_batch, idproduct, idpicklist)
);

ALTER TABLE picklists ADD COLUMN idpicklist_batch INTEGER;
CREATE INDEX picklists_idpicklist_batch ON picklists (idpicklist_batch);
`);
  },
};

export default migration;
