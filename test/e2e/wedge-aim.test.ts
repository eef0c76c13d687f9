import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGtin14 } from '../../shared/barcode';
import type { QueueItem, SyncStatus } from '../../shared/domain';
import type { PackSession, ScanAnswer, SessionState } from '../../shared/packing';
import type { ProductSummary } from '../../shared/printing';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, startDemoStation, valueOf, type RunningStation } from './station';

/*
 * Issue 15: a wedge scanner set to send AIM identifiers types `]C1` before a GS1-128 code. The
 * wedge takes the identifier off and sends it beside the code, and main reads the code as GS1 by
 * it, as it does for a HID scanner: a best-before date (AI 17) in front of the GTIN (AI 01), with
 * no FNC1 and no leading 01, finds its product only that way. The built station in browser mode
 * on the embedded demo backend; keys dispatched inside the page at scanner pace, as in
 * wedge-split.test.ts.
 */

const whyNot = missingBuild();
if (whyNot) console.warn(`[e2e] skipping the wedge AIM test: ${whyNot}`);

const pollTimeout = 60_000;

let browser: Browser | undefined;
let station: RunningStation | null = null;

interface ScanCall {
  id: number;
  input: { code: string; aim?: string | null; source: string; multiplier?: number };
}

function watchScans(page: Page): { sent: ScanCall[]; answers: Map<number, ScanAnswer> } {
  const sent: ScanCall[] = [];
  const answers = new Map<number, ScanAnswer>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { name?: string; id?: number; input?: ScanCall['input'] };
      if (message.name === 'scan.submit' && typeof message.id === 'number' && message.input) sent.push({ id: message.id, input: message.input });
    });
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { id?: number; result?: { ok: boolean; value?: ScanAnswer } };
      if (typeof message.id === 'number' && message.result?.ok && message.result.value) answers.set(message.id, message.result.value);
    });
  });
  return { sent, answers };
}

/** One scan as a scanner types it: every key in one synchronous loop, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  // A string, not a function: the tests compile without the DOM's types.
  await page.evaluate(`(() => {
    const press = (key) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    for (const ch of ${JSON.stringify(code)}) press(ch);
    press('Enter');
  })()`);
}

/** A line still to scan whose product has a GTIN for a barcode. */
async function gtinLine(running: RunningStation, session: PackSession): Promise<{ line: PackSession['lines'][number]; gtin: string } | null> {
  for (const line of session.lines.filter((l) => !l.isComposition && l.parentId === null && l.verified < l.amount)) {
    const products = valueOf<ProductSummary[]>(await running.command('products.search', { query: line.productcode }));
    const product = products.find((p) => p.idproduct === line.idproduct);
    const gtin = product?.barcode ? toGtin14(product.barcode) : null;
    if (gtin) return { line, gtin };
  }
  return null;
}

describe.skipIf(whyNot !== null)(`a wedge scan with an AIM identifier${whyNot ? ` (skipped: ${whyNot})` : ''}`, () => {
  beforeAll(async () => {
    station = await startDemoStation('AIM 1');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await station?.stop();
  });

  it('sends ]C1 beside the code, and main finds the product by the GS1 reading it marks', async () => {
    const running = station as RunningStation;
    await expect
      .poll(async () => valueOf<SyncStatus>(await running.command('sync.status', {})).lastSyncedAt, { timeout: pollTimeout, interval: 250 })
      .not.toBeNull();
    const queue = valueOf<QueueItem[]>(await running.command('queue.list', {}));
    const candidates = queue.filter((q) => q.status === 'new' && q.assignedTo === null);

    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const seen = watchScans(page);
    await page.goto(running.url);
    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
    await expect.poll(() => page.locator('.status-bar__connection').count(), { timeout: pollTimeout }).toBe(0);

    let found: { line: PackSession['lines'][number]; gtin: string } | null = null;
    for (const candidate of candidates.slice(0, 10)) {
      // The picklist's own code with an identifier in front (Code 128, ]C0): opened all the same.
      await scan(page, `]C0${candidate.picklistid}`);
      await page.locator(`section.pack[data-idpicklist="${candidate.idpicklist}"]`).waitFor({ timeout: pollTimeout });
      const session = valueOf<SessionState>(await running.command('pack.current', {})).session;
      found = session ? await gtinLine(running, session) : null;
      if (found) break;
      valueOf(await running.command('pack.leave', {}));
      await page.locator('section.pack').waitFor({ state: 'detached', timeout: pollTimeout });
    }
    if (!found) throw new Error('no open demo picklist with a line whose product has a GTIN');
    expect(seen.sent[0]?.input).toEqual({ code: candidates[0]?.picklistid, aim: ']C0', source: 'wedge' });

    const gs1 = `1726123101${found.gtin}`;
    const before = seen.sent.length;
    await scan(page, `]C1${gs1}`);
    await expect.poll(() => seen.sent.length - before, { timeout: pollTimeout }).toBe(1);
    const sent = seen.sent[before] as ScanCall;
    expect(sent.input).toEqual({ code: gs1, aim: ']C1', source: 'wedge' });
    await expect.poll(() => seen.answers.get(sent.id)?.kind, { timeout: pollTimeout }).toBe('product');
    expect(seen.answers.get(sent.id)).toMatchObject({
      amount: 1,
      outcome: expect.stringMatching(/^(counted|line_complete|all_verified)$/),
      product: { idproduct: found.line.idproduct },
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
