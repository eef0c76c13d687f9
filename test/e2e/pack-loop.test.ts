import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './browser';
import { scannerBurst, typeAsPerson } from './keys';
import { cliPath, missingBuild, repoRoot } from './station';
import { spawnReady, type ReadyProcess } from '../helpers/spawn-ready';

/*
 * The acceptance test of the pack loop (issue 3): the built station in browser mode on a
 * standalone demo backend, driven by keyboard bursts only, checked through the demo's own API.
 * Until main answers scan.submit it skips, saying so.
 */

const shots = join(repoRoot, 'test-results');
const warehouseId = 1829;
const packerId = 21;
const apiKey = 'k';
const pollTimeout = 60_000;

// Neither a config file nor a data dir from the shell that runs the tests.
const quietEnv = { ...process.env, PACKDESK_CONFIG: '', PACKDESK_DATA_DIR: '' };

interface DemoLine {
  idpicklist_product: number;
  idproduct: number;
  name: string;
  amount: number;
  amount_picked: number;
  has_parts: boolean;
  partof_idpicklist_product: number | null;
}
interface DemoPicklist {
  idpicklist: number;
  picklistid: string;
  reference: string | null;
  status: string;
  paused_reason?: string | null;
  idwarehouse?: number;
  assigned_to_iduser: number | null;
  products: DemoLine[];
}
interface DemoProduct {
  idproduct: number;
  name: string;
  barcode: string | null;
  type: string;
}

let demoUrl = '';
let demo: ReadyProcess | undefined;
let station: ReadyProcess | undefined;
let stationUrl = '';
let dir = '';
let browser: Browser | undefined;
/** Why the acceptance test cannot run yet, or null. */
let notReady: string | null = missingBuild();

async function demoGet<T>(path: string): Promise<T> {
  const response = await fetch(`${demoUrl}/api/v1${path}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`, 'User-Agent': 'Packdesk e2e (tests@packdesk.invalid)' },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every page of a Picqer list (100 per page, by offset). */
async function demoList<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await demoGet<T[]>(`${path}${path.includes('?') ? '&' : '?'}offset=${offset}`);
    all.push(...page);
    if (page.length < 100) return all;
  }
}

async function stationCommand(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const url = new URL(stationUrl);
  const response = await fetch(`${url.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Packdesk-Token': url.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** A scanner burst: the code, then the Enter suffix. */
async function scan(page: Page, code: string): Promise<void> {
  await scannerBurst(page, code);
}

async function answerSeq(page: Page): Promise<number> {
  return page.evaluate<number>(`Number(document.querySelector('[data-testid="scan-answer"]')?.getAttribute('data-seq') ?? 0)`);
}

async function scanAnswer(page: Page, code: string): Promise<{ tone: string | null; text: string }> {
  const before = await answerSeq(page);
  await scan(page, code);
  await expect.poll(() => answerSeq(page), { timeout: 15_000 }).toBeGreaterThan(before);
  const answer = page.getByTestId('scan-answer');
  return { tone: await answer.getAttribute('data-tone'), text: (await answer.textContent()) ?? '' };
}

/**
 * The last unit: the parcel completes by itself and the screen goes back to the queue, saying the
 * parcel was sent (the product answer belongs to the parcel that left and is not shown there).
 */
async function completeWith(page: Page, barcode: string, idpicklist: number): Promise<void> {
  await scan(page, barcode);
  await page.locator(`section.pack[data-idpicklist="${idpicklist}"]`).waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByTestId('departure').waitFor({ timeout: 15_000 });
}

const progress = (page: Page) => page.getByTestId('pack-progress').locator('.progress__numbers').textContent();

beforeAll(async () => {
  if (notReady) return;
  dir = mkdtempSync(join(tmpdir(), 'packdesk-pack-loop-'));
  // A process group of its own: npx starts tsx, which starts node, and stopping must reach them all.
  demo = await spawnReady({
    command: 'npx',
    args: ['tsx', 'electron/picqer-demo/cli.ts', '--port', '0', '--seed', '7', '--api-key', apiKey],
    ready: /Demo backend listening on (http:\/\/127\.0\.0\.1:\d+)/,
    what: 'the demo backend',
    cwd: repoRoot,
    env: quietEnv,
    isGroup: true,
  });
  demoUrl = demo.match[1] ?? '';
  const configFile = join(dir, 'station.json');
  mkdirSync(join(dir, 'labels'), { recursive: true });
  mkdirSync(join(dir, 'slips'), { recursive: true });
  writeFileSync(
    configFile,
    JSON.stringify({
      backend: { url: demoUrl, apiKey },
      warehouse: warehouseId,
      station: { name: 'Pack 1', language: 'en', packer: packerId },
      printers: { label: { driver: 'folder', path: join(dir, 'labels') }, packingSlip: { driver: 'folder', path: join(dir, 'slips') } },
    }),
  );
  station = await spawnReady({
    command: process.execPath,
    args: [cliPath, '--web', '--no-open', '--port', '0', '--config', configFile, '--data-dir', join(dir, 'data')],
    ready: /Packdesk ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/,
    what: 'the station',
    cwd: repoRoot,
    env: quietEnv,
    isGroup: true,
  });
  stationUrl = station.match[1] ?? '';

  // The main side of the pack loop lands separately: until it answers scans, say so and skip.
  const probe = await stationCommand('scan.submit', { code: 'PACKDESK-PROBE-0000', source: 'wedge' });
  if (!probe.ok && (probe.error?.code === 'UNKNOWN_COMMAND' || probe.error?.code === 'INTERNAL')) {
    notReady = `the station does not answer scan.submit yet (${probe.error.code}: ${probe.error.message})`;
    console.warn(`[e2e] skipping the pack-loop acceptance test: ${notReady}`);
    return;
  }
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pack loop acceptance: three picklists by scanner alone on the demo backend', () => {
  it('opens by picklistid, full and bare reference, refuses a wrong item and an over-scan, completes, ships once and prints', async (context) => {
    if (notReady) {
      context.skip(`pack-loop acceptance skipped: ${notReady}`);
      return;
    }
    const products = await demoList<DemoProduct>('/products');
    const byId = new Map(products.map((p) => [p.idproduct, p]));
    const barcodeCount = new Map<string, number>();
    for (const p of products) if (p.barcode) barcodeCount.set(p.barcode, (barcodeCount.get(p.barcode) ?? 0) + 1);
    const scannable = (id: number) => {
      const p = byId.get(id);
      return p?.barcode && barcodeCount.get(p.barcode) === 1 && !p.type.includes('composition') ? p : null;
    };
    const open = await demoList<DemoPicklist>(`/picklists?status=new&idwarehouse=${warehouseId}`);
    const simple = open.filter(
      (pl) =>
        (pl.assigned_to_iduser === null || pl.assigned_to_iduser === packerId) &&
        pl.products.length > 0 &&
        pl.products.every((l) => !l.has_parts && l.partof_idpicklist_product === null && scannable(l.idproduct) !== null),
    );
    const withReference = simple.filter((pl) => pl.reference && / \/ /.test(pl.reference));
    const byFull = withReference[0];
    const byBare = withReference[1];
    const byId1 = simple.find((pl) => pl !== byFull && pl !== byBare && pl.products.some((l) => l.amount >= 2)) ?? simple.find((pl) => pl !== byFull && pl !== byBare);
    if (!byFull || !byBare || !byId1) throw new Error(`the demo has too few simple picklists (${simple.length} simple, ${withReference.length} with a webshop reference)`);
    const onAny = new Set(open.flatMap((pl) => pl.products.map((l) => l.idproduct)));
    const wrong = products.find((p) => p.barcode && barcodeCount.get(p.barcode) === 1 && !onAny.has(p.idproduct) && !p.type.includes('composition'));
    if (!wrong?.barcode) throw new Error('the demo has no product outside the open picklists to scan as a wrong item');

    const plan: Array<{ picklist: DemoPicklist; code: string }> = [
      { picklist: byId1, code: byId1.picklistid },
      { picklist: byFull, code: byFull.reference ?? '' },
      { picklist: byBare, code: (byBare.reference ?? '').split(' / ').at(-1) ?? '' },
    ];

    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(stationUrl);
    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
    const step = (text: string) => console.log(`[pack-loop] ${text}`);

    for (const [index, { picklist, code }] of plan.entries()) {
      step(`open ${picklist.picklistid} by ${code}`);
      await scan(page, code);
      await page.locator(`section.pack[data-idpicklist="${picklist.idpicklist}"]`).waitFor({ timeout: pollTimeout });
      const units = picklist.products.reduce((n, l) => n + l.amount, 0);
      await expect.poll(() => progress(page)).toBe(`0 / ${units}`);
      if (index === 0) await page.screenshot({ path: join(shots, 'pack-real-opened.png') });

      let verified = 0;
      for (const [lineIndex, line] of picklist.products.entries()) {
        const barcode = scannable(line.idproduct)?.barcode ?? '';
        if (index === 0 && lineIndex === 0) {
          // A product that is on no picklist: refused, named, nothing counted.
          const refused = await scanAnswer(page, wrong.barcode);
          expect(refused.tone).toBe('bad');
          expect(refused.text).toContain(wrong.name);
          expect(await progress(page)).toBe(`0 / ${units}`);
          await page.screenshot({ path: join(shots, 'pack-real-wrong-item.png') });
          // One more than the line needs, with the multiplier: too many, nothing counted.
          await typeAsPerson(page, String(line.amount + 1));
          await page.getByTestId('multiplier').waitFor();
          const over = await scanAnswer(page, barcode);
          expect(over.tone).toBe('over');
          expect(await progress(page)).toBe(`0 / ${units}`);
          await page.screenshot({ path: join(shots, 'pack-real-too-many.png') });
        }
        if (index === 0 && line.amount >= 2) {
          // The multiplier: the whole line in one scan.
          await typeAsPerson(page, String(line.amount));
          await page.getByTestId('multiplier').waitFor();
          verified += line.amount;
          if (verified === units) {
            await completeWith(page, barcode, picklist.idpicklist);
            continue;
          }
          const counted = await scanAnswer(page, barcode);
          expect(counted.tone).toBe('ok');
          expect(await progress(page)).toBe(`${verified} / ${units}`);
          continue;
        }
        for (let unit = 0; unit < line.amount; unit += 1) {
          verified += 1;
          if (verified === units) {
            await completeWith(page, barcode, picklist.idpicklist);
            continue;
          }
          const counted = await scanAnswer(page, barcode);
          expect(counted.tone).toBe('ok');
          expect(await progress(page)).toBe(`${verified} / ${units}`);
        }
      }
      // Auto-complete takes it from here (pick, ship, print, close, through the outbox); the next
      // picklist is scanned straight away, as a packer would, without waiting for the label.
      step(`all verified: ${picklist.picklistid}`);
      if (index === 0) await page.screenshot({ path: join(shots, 'pack-real-sent.png') });
    }

    step('checking the demo backend');
    // Everything through the demo's own API: closed, picked, one shipment, and printed.
    for (const { picklist } of plan) {
      await expect
        .poll(async () => (await demoGet<DemoPicklist>(`/picklists/${picklist.idpicklist}`)).status, { timeout: pollTimeout, interval: 500 })
        .toBe('closed');
      const after = await demoGet<DemoPicklist>(`/picklists/${picklist.idpicklist}`);
      for (const line of after.products) expect(line.amount_picked, `${picklist.picklistid} ${line.name}`).toBe(line.amount);
      const shipments = await demoGet<Array<{ cancelled?: boolean; status?: string }>>(`/picklists/${picklist.idpicklist}/shipments`);
      expect(shipments.filter((s) => s.cancelled !== true && s.status !== 'cancelled')).toHaveLength(1);
    }
    const files = (sub: string) => readdirSync(join(dir, sub)).filter((f) => !f.startsWith('.'));
    await expect.poll(() => files('labels').length, { timeout: pollTimeout, interval: 500 }).toBeGreaterThanOrEqual(plan.length);
    await expect.poll(() => files('slips').length, { timeout: pollTimeout, interval: 500 }).toBeGreaterThanOrEqual(plan.length);

    // The paused demo picklist is refused, with Picqer's reason.
    const paused = (await demoList<DemoPicklist>('/picklists?status=paused')).find((pl) => pl.paused_reason);
    if (!paused?.paused_reason) throw new Error('the demo has no paused picklist with a reason');
    const blocked = await scanAnswer(page, paused.picklistid);
    expect(blocked.tone).toBe('bad');
    expect(blocked.text).toContain(paused.paused_reason);
    await page.screenshot({ path: join(shots, 'pack-real-paused.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});
