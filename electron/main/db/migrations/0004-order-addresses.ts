import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

/*
 * The local packing slip prints the delivery and the invoice address of the order, offline too.
 * 0001 cached only the names and the delivery country of an order (the queue needs no more), so
 * the rest of both addresses is added here. Orders cached before this have NULLs until their next
 * pull; the slip then falls back to the picklist's delivery address and the invoice name.
 */

const columns = [
  'deliverycontact',
  'deliveryaddress',
  'deliveryaddress2',
  'deliveryzipcode',
  'deliverycity',
  'deliveryregion',
  'invoicecontact',
  'invoiceaddress',
  'invoiceaddress2',
  'invoicezipcode',
  'invoicecity',
  'invoiceregion',
  'invoicecountry',
] as const;

function columnsOf(db: Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

const migration: Migration = {
  version: 4,
  name: 'order-addresses',
  up(db) {
    const existing = columnsOf(db, 'orders');
    for (const column of columns) {
      if (!existing.includes(column)) db.exec(`ALTER TABLE orders ADD COLUMN ${column} TEXT`);
    }
  },
};

export default migration;
