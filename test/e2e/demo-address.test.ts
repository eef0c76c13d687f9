import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingBuild, startStation, type RunningStation } from './station';

/*
 * A newcomer starts the station on the embedded demo and wants to look at "the Picqer" behind it
 * (with curl, or to compare with `npm run demo-backend`): its address and key are on stdout,
 * under the ready line, not only in the log file.
 */

const whyNot = missingBuild();
if (whyNot) console.warn(`[e2e] skipping the demo address test: ${whyNot}`);

const demoLine = /^Demo Picqer at (http:\/\/127\.0\.0\.1:\d+), API key: (\S+) \(seed "packdesk-demo"\)$/m;
let station: RunningStation;

describe.skipIf(whyNot !== null)('the embedded demo on stdout', () => {
  beforeAll(async () => {
    station = await startStation();
  }, 90_000);

  afterAll(async () => {
    await station?.stop();
  });

  it('prints one line with the demo address and key, after the ready line, that answers as Picqer does', async () => {
    await expect.poll(() => demoLine.exec(station.stdout()), { timeout: 30_000 }).not.toBeNull();
    const output = station.stdout();
    expect(output.indexOf('Packdesk ready at')).toBe(0);
    const [, url, apiKey] = demoLine.exec(output) ?? [];
    const response = await fetch(`${url}/api/v1/warehouses`, {
      headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`, 'User-Agent': 'packdesk-e2e' },
    });
    expect(response.status).toBe(200);
    const warehouses = (await response.json()) as Array<{ idwarehouse: number }>;
    expect(warehouses.map((w) => w.idwarehouse)).toContain(1829);
  });
});
