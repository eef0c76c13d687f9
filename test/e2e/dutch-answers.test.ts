import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogues, reasonText, translate } from '../../shared/i18n';
import { reason, type Reason } from '../../shared/reasons';
import { doubleReadPauseMs, openQueue, scanForAnswer, simplePicklists, startRealStation, type RealStation } from './real-station';
import { missingBuild } from './station';

/*
 * Issue 14: a Dutch station shows no English on any answer. Every kind of refusal is scanned at the
 * real station in Chromium, and what the panel says must be the Dutch catalogue's sentence for
 * the reason main gave, with no fragment of an English sentence anywhere in it.
 */

const notReady = missingBuild();
let real: RealStation | undefined;
let page: Page | undefined;
let pausedId = '';
let openId = '';

beforeAll(async () => {
  if (notReady) return;
  real = await startRealStation({
    language: 'nl',
    prepare(demo) {
      const [, , paused] = simplePicklists(demo);
      if (!paused) throw new Error('the seed has too few simple picklists');
      demo.state.pausePicklist(paused.idpicklist, 'Adres onduidelijk');
      pausedId = paused.picklistid;
    },
  });
  page = (await openQueue(real)).page;
}, 180_000);

afterAll(async () => {
  await real?.stop();
});

/** The fixed words of every English sentence that Dutch says differently, at least three words long. */
const englishFragments: string[] = Object.entries(catalogues.en).flatMap(([key, text]) => {
  if (catalogues.nl[key as keyof typeof catalogues.nl] === text) return [];
  return text
    .split(/\{[^}]*\}/)
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).length >= 3);
});

function expectDutch(text: string, why: Reason | null, what: string): void {
  if (why) expect(text, what).toContain(reasonText('nl', why));
  const english = englishFragments.filter((fragment) => text.includes(fragment));
  expect(english, `${what}: English in "${text}"`).toEqual([]);
}

async function scan(code: string): Promise<{ tone: string | null; text: string }> {
  if (!page) throw new Error('no page');
  await page.waitForTimeout(doubleReadPauseMs);
  return scanForAnswer(page, code);
}

/** A 13-digit code with a wrong check digit: what a scanner that misread one digit sends. */
function misreadGtin(): string {
  const body = '871234567890';
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  const check = (10 - (sum % 10)) % 10;
  return `${body}${(check + 1) % 10}`;
}

describe.skipIf(notReady)('a Dutch station answers every refusal in Dutch (real station, demo backend)', () => {
  it('before a picklist is open: unknown code, a product, a misread, a quantity, a forged badge, a paused picklist', async () => {
    if (!real) throw new Error('no station');
    const product = real.demo.state.products.find((p) => p.barcode && p.active !== false);
    if (!product?.barcode) throw new Error('no product with a barcode');

    expectDutch((await scan('GEEN-CODE-42')).text, reason('picklist.notInCache', { code: 'GEEN-CODE-42' }), 'no picklist found');
    expectDutch((await scan(product.barcode)).text, reason('scan.productWithoutPicklist', { product: product.name }), 'a product with no picklist open');
    const misread = misreadGtin();
    const partial = await scan(misread);
    expect(partial.text).toContain(translate('nl', 'answer.outcome.partial_scan', { code: misread }));
    expectDutch(partial.text, null, 'a misread scan');
    expectDutch((await scan('PD:QTY:3')).text, null, 'a quantity with no picklist open');
    expect((await scan('PD:QTY:3')).text).toContain(translate('nl', 'answer.kind.quantityNoPicklist'));
    const badge = await scan('PD:BADGE:22');
    expect(badge.text).toContain(translate('nl', 'answer.kind.badge_refused'));
    expectDutch(badge.text, null, 'a forged badge');
    const paused = await scan(pausedId);
    expect(paused.tone).toBe('bad');
    expectDutch(paused.text, reason('picklist.pausedBecause', { picklistid: pausedId, why: 'Adres onduidelijk' }), 'a paused picklist');
  });

  it('with a picklist open: wrong item, unknown barcode, too many, nothing to undo, completing too early', async () => {
    if (!real) throw new Error('no station');
    const [picklist] = simplePicklists(real.demo);
    const line = picklist?.products[0];
    const lineProduct = line ? real.demo.state.findProduct(line.idproduct) : undefined;
    if (!picklist || !line || !lineProduct?.barcode) throw new Error('no simple picklist');
    openId = picklist.picklistid;
    const onIt = new Set(picklist.products.map((l) => l.idproduct));
    const stranger = real.demo.state.products.find((p) => p.barcode && !onIt.has(p.idproduct) && p.active !== false);
    if (!stranger?.barcode) throw new Error('no product off the picklist');

    const opened = await scan(openId);
    expect(opened.text).toContain(translate('nl', 'answer.kind.opened', { picklistid: openId }));

    const wrong = await scan(stranger.barcode);
    expect(wrong.text).toContain(translate('nl', 'answer.outcome.wrong_item', { product: stranger.name }));
    expectDutch(wrong.text, null, 'a wrong item');
    expectDutch((await scan('ONBEKEND-42')).text, reason('scan.unknownBarcode', { code: 'ONBEKEND-42' }), 'an unknown barcode');

    await scan('PD:QTY:99');
    expectDutch((await scan(lineProduct.barcode)).text, reason('scan.tooMany', { product: lineProduct.name, left: line.amount, amount: 99 }), 'too many');

    expectDutch((await scan('PD:UNDO')).text, reason('pack.nothingToUndo', { picklistid: openId }), 'nothing to undo');
    const units = picklist.products.reduce((n, l) => n + l.amount, 0);
    expectDutch((await scan('PD:COMPLETE')).text, reason('pack.notComplete', { picklistid: openId, verified: 0, units }), 'completing too early');
  });
});
