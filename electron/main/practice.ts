import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Person, Warehouse } from '../../shared/domain';
import type { PracticeScore } from '../../shared/people';
import { AppError } from '../../shared/errors';
import { connectBackend, type BackendConnection } from './backend';
import type { Clock } from './clock';
import type { StationConfig } from './config';
import { openDatabase } from './db/connection';
import { statement } from './db/statements';

/*
 * Practice mode: a new packer trains on the embedded demo warehouse with the station's real
 * screens, sounds and scanners, while the live Picqer account is not touched. It gets a demo
 * backend of its own, a cache in a practice folder that starts empty every time, and printers
 * that write files into that folder, so no label stock is used. The live station is paused
 * meanwhile (its outbox and print queue are durable and carry on afterwards).
 */

export interface PracticeWorld {
  backend: BackendConnection;
  db: Database.Database;
  dir: string;
  warehouse: Warehouse;
  /** The demo user the trainee packs as; named after the trainee. */
  packer: Person;
  /** The config the practice runtime runs on: the station's, with folder printers in the practice folder. */
  config: StationConfig;
  startedAt: number;
}

export async function openPractice(options: { dataDir: string; clock: Clock; config: StationConfig; traineeName: string | null }): Promise<PracticeWorld> {
  const dir = join(options.dataDir, 'practice');
  // Every practice starts from the same fresh demo warehouse: yesterday's trainee left nothing.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const backend = await connectBackend({ demo: true }, options.clock);
  try {
    const warehouses = await backend.api.listWarehouses({ priority: 'interactive' });
    const found = warehouses.find((w) => w.active);
    const users = await backend.api.listUsers({ priority: 'interactive' });
    const me = await backend.api.getMe({ priority: 'interactive' });
    const user = users.find((u) => u.active && u.iduser !== me.iduser);
    if (!found || !user) throw new AppError('INTERNAL', 'The practice warehouse has no warehouse or packer.');
    const printers = join(dir, 'printed');
    return {
      backend,
      db: openDatabase(join(dir, 'cache-practice.sqlite')),
      dir,
      warehouse: { idwarehouse: found.idwarehouse, name: found.name, isActive: true },
      packer: { iduser: user.iduser, name: options.traineeName ?? 'Trainee' },
      config: {
        ...options.config,
        printers: {
          packingSlip: { driver: 'folder', path: join(printers, 'packing-slips') },
          label: { driver: 'folder', path: join(printers, 'labels') },
          productLabel: { driver: 'folder', path: join(printers, 'product-labels') },
        },
      },
      startedAt: options.clock.now(),
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}

const misScanOutcomes = ['wrong_item', 'too_many', 'unknown_barcode'];

/** The trainee's score: parcels finished, product scans, mis-scans and time per parcel. */
export function practiceScore(db: Database.Database, startedAt: number, endedAt: number): PracticeScore {
  const scans = statement(
    db,
    `SELECT outcome, COUNT(*) AS n FROM scan_events
     WHERE undone_at IS NULL AND outcome NOT IN ('opened', 'command', 'packaging') GROUP BY outcome`,
  ).all() as Array<{ outcome: string; n: number }>;
  const productScans = scans.reduce((sum, row) => sum + row.n, 0);
  const misScans = scans.filter((row) => misScanOutcomes.includes(row.outcome)).reduce((sum, row) => sum + row.n, 0);
  const parcels = statement(
    db,
    `SELECT s.id, MIN(e.scanned_at) AS first_scan, MAX(e.scanned_at) AS last_scan FROM pack_sessions s
     JOIN scan_events e ON e.pack_session_id = s.id
     WHERE s.status IN ('completing', 'labels_pending', 'completed') GROUP BY s.id`,
  ).all() as Array<{ id: number; first_scan: string; last_scan: string }>;
  const seconds = parcels.map((p) => (Date.parse(p.last_scan) - Date.parse(p.first_scan)) / 1000).sort((a, b) => a - b);
  const middle = Math.floor(seconds.length / 2);
  const median = seconds.length === 0 ? null : seconds.length % 2 ? (seconds[middle] ?? 0) : ((seconds[middle - 1] ?? 0) + (seconds[middle] ?? 0)) / 2;
  return {
    parcels: parcels.length,
    scans: productScans,
    misScans,
    accuracy: productScans === 0 ? null : Math.round(((productScans - misScans) / productScans) * 1000) / 10,
    medianSecondsPerParcel: median === null ? null : Math.round(median),
    minutes: Math.max(0, Math.round((endedAt - startedAt) / 60_000)),
  };
}

export async function closePractice(world: PracticeWorld): Promise<void> {
  world.db.close();
  await world.backend.close();
}
