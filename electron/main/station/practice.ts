import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Person, Warehouse } from '../../../shared/domain';
import type { PracticeScore } from '../../../shared/people';
import { AppError } from '../../../shared/errors';
import { connectBackend, type BackendConnection } from './backend';
import type { Clock } from '../infra/clock';
import type { StationConfig } from '../config/station-config';
import { openDatabase } from '../db/connection';
import { statsSummary } from '../stats/summary';

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
    // /users/me may not answer for an API key (docs/picqer.md, "Compatibility with Picqer"): any active user then.
    const me = await backend.api.getMe({ priority: 'interactive' }).catch(() => null);
    const user = users.find((u) => u.active && u.iduser !== me?.iduser);
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

/**
 * The trainee's score, with the same definitions as Stats (parcels, product scans, mis-scans, the
 * median time spent scanning a parcel), over the practice cache, which holds this practice only.
 */
export function practiceScore(db: Database.Database, clock: Pick<Clock, 'now'>, startedAt: number): PracticeScore {
  const { totals } = statsSummary(db, {}, { clock });
  const accuracy = totals.productScans === 0 ? null : Math.round(((totals.productScans - totals.misScans) / totals.productScans) * 1000) / 10;
  const seconds = totals.medianSeconds.scanning;
  return {
    parcels: totals.parcels,
    scans: totals.productScans,
    misScans: totals.misScans,
    accuracy,
    medianSecondsPerParcel: seconds === null ? null : Math.round(seconds),
    minutes: Math.max(0, Math.round((clock.now() - startedAt) / 60_000)),
  };
}

export async function closePractice(world: PracticeWorld): Promise<void> {
  world.db.close();
  await world.backend.close();
}
