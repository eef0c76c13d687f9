import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectBackend } from '../../../../electron/main/station/backend';
import { systemClock } from '../../../../electron/main/infra/clock';

/*
 * Setup connects to the demo again while the station runs on it. Two demos on one state file
 * would each hand out the next shipment id and overwrite the other's file: one demo it is.
 */

describe('the embedded demo while Setup connects to it again', () => {
  it('is the same demo for both connections, and stays up until the last one closes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-demo-shared-'));
    const running = await connectBackend({ demo: true }, systemClock, { dataDir });
    const candidate = await connectBackend({ demo: true }, systemClock, { dataDir });
    expect(candidate.api.baseUrl).toBe(running.api.baseUrl);
    expect(candidate.identity).toBe(running.identity);
    await running.close();
    expect((await candidate.api.listWarehouses({ priority: 'interactive' })).length).toBeGreaterThan(0);
    await candidate.close();
    const again = await connectBackend({ demo: true }, systemClock, { dataDir });
    expect(again.identity).toBe(running.identity);
    await again.close();
  });
});
