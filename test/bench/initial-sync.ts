import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDemoBackend } from '../../electron/picqer-demo/server';
import { pageSize } from '../../electron/main/picqer/pagination';
import { tempDir } from '../main/db/temp-db';
import type { ChildMessage, ParentMessage, SyncChildResult } from './initial-sync-child';
import { createOffsetClock } from './sim-clock';
import { openStatuses, picklistsForOpen } from './stats';

/*
 * Figure 3: the initial sync of a large warehouse, from an empty cache to a bootstrapped one, at
 * the demo backend's default limit of 500 requests a minute. The sync runs in a child process
 * (initial-sync-child.ts) so its memory is measured alone; the demo backend runs here.
 */

export interface InitialSyncResult extends SyncChildResult {
  products: number;
  requests: number;
  /** Pages of 100 for every paged list (at least one each) plus the unpaged reference lists. */
  lowerBound: number;
  rateLimitedResponses: number;
  rateLimitPerMinute: number;
}

const idwarehouse = 1829;
/** warehouses, users, shipping providers, packagings, tags, templates, picking containers. */
const referenceLists = 7;

export async function benchInitialSync(options: { products: number; openPicklists: number }): Promise<InitialSyncResult> {
  const clock = createOffsetClock();
  const rateLimitPerMinute = 500;
  const demo = await startDemoBackend({ port: 0, seed: 1, products: options.products, picklists: picklistsForOpen(options.openPicklists), rateLimitPerMinute, clock });
  const tmp = tempDir();
  try {
    const pages = (n: number) => Math.max(1, Math.ceil(n / pageSize));
    const inWarehouse = demo.state.listPicklists({ idwarehouse });
    const lowerBound =
      pages(demo.state.listProducts().length) +
      [...openStatuses].reduce((sum, status) => sum + pages(inWarehouse.filter((p) => p.status === status).length), 0) +
      pages(demo.state.listOrders({ status: 'processing', idwarehouse }).length) +
      referenceLists;

    const child = fork(fileURLToPath(new URL('./initial-sync-child.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const result = await new Promise<SyncChildResult>((resolve, reject) => {
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'warp') {
          clock.setOffset(message.offsetMs);
          child.send({ type: 'warp-ack' } satisfies ParentMessage);
        } else {
          resolve(message.result);
        }
      });
      child.on('exit', (code) => reject(new Error(`initial-sync child exited with ${String(code)}: ${stderr}`)));
      child.send({ type: 'start', input: { url: demo.url, idwarehouse, dbFile: tmp.file() } } satisfies ParentMessage);
    });
    child.removeAllListeners('exit');
    child.kill();
    if (result.state !== 'idle') throw new Error(`initial sync ended ${result.state}: ${result.message ?? ''}`);
    const api = demo.requests.filter((r) => r.path.startsWith('/api/v1/'));
    return {
      ...result,
      requests: api.length,
      lowerBound,
      rateLimitedResponses: api.filter((r) => r.status === 429).length,
      rateLimitPerMinute,
    };
  } finally {
    await demo.close();
    tmp.cleanup();
  }
}
