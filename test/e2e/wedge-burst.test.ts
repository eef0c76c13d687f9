import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem, SyncStatus } from '../../shared/domain';
import type { PackSession, ScanAnswer, SessionState } from '../../shared/packing';
import { launchBrowser, type Browser } from './browser';
import { missingBuild, repoRoot, startDemoStation, valueOf, type RunningStation } from './station';

/*
 * Fifty scans back to back, as fast as the browser takes key events: every one must reach main,
 * once, in the order it was scanned. The built station in browser mode on the embedded demo
 * backend; a picklist is open so product codes count units and the rest are answered as unknown.
 * What main received is read off the page's own WebSocket (every command goes over it), what it
 * counted off pack.current.
 *
 * Playwright sends a key only when the page has handled the one before, and the key's time is
 * when it was sent: while the page renders an answer, keys inside a burst arrive 100 ms and more
 * apart here (a real scanner's keys carry the time the scanner typed them, whatever the page is
 * doing). So the station is set up, through its stored wedge settings, as it would be for a slow
 * Bluetooth scanner; the test then checks that nothing is lost, doubled or reordered.
 */

const whyNot = missingBuild();
if (whyNot) console.warn(`[e2e] skipping the wedge burst test: ${whyNot}`);

const shots = join(repoRoot, 'test-results');
const pollTimeout = 60_000;
const scanCount = 50;
/** The station's wedge settings for this browser: the longest key gap the settings allow. */
const slowLinkSettings = { maxInterKeyMs: 200, timeoutMs: 400 };

let browser: Browser | undefined;
let station: RunningStation | null = null;

interface SocketCall {
  id: number;
  name: string;
  input: { code: string; source: string; multiplier?: number };
}
interface SocketReply {
  id: number;
  result: { ok: true; value: ScanAnswer } | { ok: false; error: { code: string; message: string } };
}

/** Every scan.submit the page sent over its socket and every reply to one, in the order they passed. */
function watchScans(page: Page): { sent: SocketCall[]; replies: SocketReply[] } {
  const sent: SocketCall[] = [];
  const replies: SocketReply[] = [];
  const calls = new Set<number>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as Partial<SocketCall>;
      if (message.name === 'scan.submit' && typeof message.id === 'number') {
        calls.add(message.id);
        sent.push(message as SocketCall);
      }
    });
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as Partial<SocketReply>;
      if (typeof message.id === 'number' && 'result' in message && calls.has(message.id)) replies.push(message as SocketReply);
    });
  });
  return { sent, replies };
}

async function answerSeq(page: Page): Promise<number> {
  return page.evaluate<number>(`Number(document.querySelector('[data-testid="scan-answer"]')?.getAttribute('data-seq') ?? 0)`);
}

/** A scanner burst: the code, then its Enter suffix, with no pause anywhere. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** Lines a scan of the productcode counts on: plain products with a code, not a set or its parts. */
function countableLines(session: PackSession) {
  return session.lines.filter((l) => !l.isComposition && l.parentId === null && l.productcode.trim() !== '' && l.verified < l.amount);
}

describe.skipIf(whyNot !== null)(`wedge burst: ${scanCount} scans back to back${whyNot ? ` (skipped: ${whyNot})` : ''}`, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    station = await startDemoStation('Wedge 1');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await station?.stop();
  });

  it('main receives and answers every one of 50 fast scans, once each, in order, and counts the units', async () => {
    const running = station as RunningStation;
    // The first full sync brings the products and picklists the scans resolve against.
    await expect
      .poll(async () => valueOf<SyncStatus>(await running.command('sync.status', {})).lastSyncedAt, { timeout: pollTimeout, interval: 250 })
      .not.toBeNull();
    const queue = valueOf<QueueItem[]>(await running.command('queue.list', {}));
    const candidates = queue.filter((q) => q.status === 'new' && q.assignedTo === null && q.lineCount >= 2).sort((a, b) => b.units - a.units);

    const page = await (browser as Browser).context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const seen = watchScans(page);
    // The settings before the app starts; each key's time kept, to report how far apart they came.
    await page.addInitScript(`localStorage.setItem('packdesk.wedge', ${JSON.stringify(JSON.stringify(slowLinkSettings))});
      window.__keyTimes = [];
      window.addEventListener('keydown', (e) => window.__keyTimes.push([e.key, e.timeStamp]), { capture: true });`);
    await page.goto(running.url);
    await page.locator('tbody tr[data-idpicklist]').first().waitFor({ timeout: pollTimeout });
    // The socket is open: scans made before that would wait for it.
    await expect.poll(() => page.locator('.status-bar__connection').count(), { timeout: pollTimeout }).toBe(0);

    // Open a picklist by scanning it, keep one whose lines count by productcode.
    let session: PackSession | null = null;
    for (const candidate of candidates.slice(0, 10)) {
      await scan(page, candidate.picklistid);
      await page
        .locator(`section.pack[data-idpicklist="${candidate.idpicklist}"]`)
        .waitFor({ timeout: pollTimeout })
        .catch(async (error: unknown) => {
          const shown = await page.getByTestId('scan-answer').textContent();
          throw new Error(`scanning ${candidate.picklistid} did not open it; the screen says: ${shown ?? '(nothing)'}`, { cause: error });
        });
      const opened = valueOf<SessionState>(await running.command('pack.current', {})).session;
      if (opened && countableLines(opened).length >= 2) {
        session = opened;
        break;
      }
      valueOf(await running.command('pack.leave', {}));
      await page.locator('section.pack').waitFor({ state: 'detached', timeout: pollTimeout });
    }
    if (!session) throw new Error('no open demo picklist with two lines that count by productcode');
    const opened = session;

    // Product scans alternate between two lines, never finishing the picklist (that would start
    // shipping); between them, and after them, codes the station does not know. Every code
    // differs from the one before it, so the double-read filter has nothing to take.
    const [first, second] = countableLines(opened);
    if (!first || !second) throw new Error('unreachable: two countable lines were checked above');
    const wanted = new Map([
      [first.idpicklist_product, first.amount - first.verified],
      [second.idpicklist_product, second.amount - second.verified],
    ]);
    const lineUnits = [...wanted.values()].reduce((a, b) => a + b, 0);
    if (opened.verifiedUnits + lineUnits >= opened.units) wanted.set(second.idpicklist_product, (wanted.get(second.idpicklist_product) ?? 1) - 1);
    const productScans: Array<{ code: string; line: number }> = [];
    const productTarget = Math.min(scanCount / 2, [...wanted.values()].reduce((a, b) => a + b, 0));
    for (let turn = 0; productScans.length < productTarget; turn++) {
      const line = turn % 2 === 0 ? first : second;
      const left = wanted.get(line.idpicklist_product) ?? 0;
      if (left <= 0) continue;
      wanted.set(line.idpicklist_product, left - 1);
      productScans.push({ code: line.productcode, line: line.idpicklist_product });
    }
    const codes: string[] = [];
    for (let i = 0; codes.length < scanCount; i++) {
      const product = i % 2 === 0 ? productScans[i / 2] : undefined;
      codes.push(product ? product.code : `WEDGE${String(i).padStart(3, '0')}X`);
    }
    for (let i = 1; i < codes.length; i++) expect(codes[i], `scan ${i}`).not.toBe(codes[i - 1]);

    const seqBefore = await answerSeq(page);
    const sentBefore = seen.sent.length;
    const repliesBefore = seen.replies.length;
    const started = Date.now();
    for (const code of codes) await scan(page, code);
    const typedMs = Date.now() - started;
    const widestGap = await page.evaluate<number>(`(() => {
      const keys = window.__keyTimes.slice(-${codes.join('').length + codes.length});
      let widest = 0;
      for (let i = 1; i < keys.length; i++) if (keys[i - 1][0] !== 'Enter') widest = Math.max(widest, keys[i][1] - keys[i - 1][1]);
      return Math.round(widest);
    })()`);

    await expect.poll(() => seen.replies.length - repliesBefore, { timeout: pollTimeout, interval: 100 }).toBe(scanCount);
    const sent = seen.sent.slice(sentBefore);
    const replies = seen.replies.slice(repliesBefore);
    console.log(`[wedge-burst] ${scanCount} scans typed in ${typedMs} ms, ${productScans.length} of them products; widest gap inside a scan ${widestGap} ms`);

    // Main got exactly the 50 codes, each once, in the order they were scanned, from the wedge.
    expect(sent.map((m) => m.input.code)).toEqual(codes);
    expect(sent.every((m) => m.input.source === 'wedge' && m.input.multiplier === undefined)).toBe(true);
    expect(replies.map((r) => r.id)).toEqual(sent.map((m) => m.id));
    const answers = replies.map((r) => {
      if (!r.result.ok) throw new Error(`scan refused: ${r.result.error.code} ${r.result.error.message}`);
      return r.result.value;
    });
    expect(answers.map((a) => a.code)).toEqual(codes);
    expect(answers.map((a) => (a.kind === 'product' ? a.outcome : a.kind))).toEqual(
      codes.map((code) => (productScans.some((p) => p.code === code) ? expect.stringMatching(/^(counted|line_complete)$/) : 'unknown_barcode')),
    );

    // Every answer reached the screen, and main counted one unit per product scan.
    await expect.poll(() => answerSeq(page), { timeout: pollTimeout }).toBe(seqBefore + scanCount);
    const after = valueOf<SessionState>(await running.command('pack.current', {})).session;
    if (!after) throw new Error('no session on screen');
    expect(after.verifiedUnits).toBe(opened.verifiedUnits + productScans.length);
    for (const line of [first, second]) {
      const scanned = productScans.filter((p) => p.line === line.idpicklist_product).length;
      expect(after.lines.find((l) => l.idpicklist_product === line.idpicklist_product)?.verified, line.name).toBe(line.verified + scanned);
    }
    expect(after.isAllVerified).toBe(false);
    await page.screenshot({ path: join(shots, 'wedge-burst.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
