import { renderToStaticMarkup } from 'react-dom/server';
import { createStore } from 'zustand/vanilla';
import { describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/batch';
import type { Language } from '../../shared/domain';
import type { ScanAnswer } from '../../shared/packing';
import { BatchProblemDialog } from '../../renderer/src/components/BatchProblemDialog';
import { QueueBatches } from '../../renderer/src/components/QueueBatches';
import { ReadyPanel } from '../../renderer/src/components/ReadyPanel';
import { createT } from '../../renderer/src/i18n';
import { Pack } from '../../renderer/src/screens/Pack';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import type { QueueStore } from '../../renderer/src/stores/queue';
import type { ScanStore } from '../../renderer/src/stores/scan';
import type { SessionStore } from '../../renderer/src/stores/session';
import { batchSummaryFixture, normalBatchFixture, singlesBatchFixture } from './batch-fixtures';
import { answerFixture, appStateFixture, createFakeApi } from './fake-api';

/*
 * Issue 17: the batch screen as the packer sees it. The slot the last unit goes into is the
 * largest thing on it; every slot says its state in words (colour is never alone), and a refused
 * scan shows why instead of a slot.
 */

interface Shown {
  batch: BatchView | null;
  language?: Language;
  answer?: ScanAnswer | null;
}

/** Server-side rendering shows a store's state as it was made: hand over stores holding the state to show. */
function storesShowing({ batch, language = 'en', answer = null }: Shown) {
  const stores = createStores(createFakeApi());
  stores.session.getState().apply({ revision: 1, session: null, batch });
  if (answer) stores.scan.getState().setAnswer(answer);
  const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language }) }));
  const session = createStore<SessionStore>()(() => ({ ...stores.session.getState() }));
  const scan = createStore<ScanStore>()(() => ({ ...stores.scan.getState() }));
  return { ...stores, app, session, scan };
}

function packScreen(shown: Shown): string {
  return renderToStaticMarkup(
    <StoresContext value={storesShowing(shown)}>
      <Pack />
    </StoresContext>,
  );
}

/** One slot's card (cards hold no list of their own). */
function card(html: string, slot: number): string {
  const match = new RegExp(`<li[^>]*data-slot-card="${slot}"[^>]*>.*?</li>`).exec(html);
  if (!match) throw new Error(`no card for slot ${slot}`);
  return match[0];
}

/** The large slot callout. */
function callout(html: string): string {
  const match = /<section[^>]*data-testid="batch-callout"[^>]*>.*?<\/section>/.exec(html);
  if (!match) throw new Error('no callout');
  return match[0];
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the batch screen: a normal batch of 5', () => {
  const batch = normalBatchFixture();

  it('names the batch and its kind, and shows progress and parcels sent', () => {
    const html = packScreen({ batch });
    expect(html).toContain('data-idpicklist-batch="4001"');
    expect(text(html)).toContain('B2026-0041');
    expect(text(html)).toContain('Normal batch');
    expect(text(html)).toContain('5 picklists');
    // Units of the slots still to pack here: the refused slot does not count.
    expect(html).toMatch(/data-testid="pack-progress".*?progress__verified">7<.*?progress__units">11</);
    expect(text(html)).toMatch(/Parcels sent 1 of 5/);
  });

  it('shows the slot of the last scan large, with its picklist and customer under it', () => {
    const html = callout(packScreen({ batch }));
    expect(html).toMatch(/data-slot="2"[^>]*aria-label="Put it in slot 2"|aria-label="Put it in slot 2"[^>]*data-slot="2"/);
    expect(html).toContain('data-state="packing"');
    expect(text(html)).toContain('P2026-0702');
    expect(text(html)).toContain('Studio Noord');
  });

  it('a reloaded screen (no answer heard yet) still says where the last unit went, from main\'s last scan', () => {
    const html = packScreen({ batch });
    expect(html).toMatch(/data-testid="scan-answer"[^>]*>.*?Into slot 2: Koffiebonen 1 kg/);
  });

  it('follows the answer just given over the last scan main had', () => {
    const answer = answerFixture({ kind: 'product', outcome: 'counted', slot: 3, picklistid: 'P2026-0703', product: { idproduct: 1, productcode: 'F-1', name: 'Fietsbel', image: null, isInactive: false } });
    const html = packScreen({ batch, answer });
    expect(callout(html)).toContain('data-slot="3"');
    expect(text(callout(html))).toContain('Fietsenmaker Jansen');
    expect(text(html)).toContain('Into slot 3: Fietsbel');
  });

  it('a refused scan shows its reason instead of a slot, in the refusal colour', () => {
    const answer = answerFixture({
      kind: 'product',
      outcome: 'wrong_item',
      slot: null,
      picklistid: 'P2026-0704',
      reason: { code: 'picklist.paused', params: { picklistid: 'P2026-0704' } },
    });
    const html = callout(packScreen({ batch, answer }));
    expect(html).not.toContain('data-slot=');
    expect(html).toContain('data-state="refused"');
    expect(html).toContain('batch-callout--bad');
    expect(text(html)).toContain('Set it aside: no slot takes it');
    expect(text(html)).toContain('Picklist P2026-0704 is paused in Picqer.');
  });

  it('a unit waiting for its serial: the prompt names its slot, and a reloaded screen asks again from main\'s view', () => {
    const waiting = normalBatchFixture({
      serialWanted: { idproduct: 9, name: 'Fietsbel', slot: 3, picklistid: 'P2026-0703' },
      lastScan: { outcome: 'serial_needed', code: '8712345000099', amount: 1, productName: 'Fietsbel', slot: 3, picklistid: 'P2026-0703', at: '2026-12-03T10:00:00.000Z' },
    });
    // No answer heard: the page was reloaded while main held the unit.
    const html = packScreen({ batch: waiting });
    expect(html).toContain('data-testid="serial-prompt"');
    expect(text(html)).toContain('Serial number of Fietsbel: it goes in slot 3');
    expect(callout(html)).toContain('data-slot="3"');
    expect(callout(html)).toContain('batch-callout--choose');
    expect(text(callout(html))).toContain('Its serial number first, then slot');
    expect(text(callout(html))).toContain('Fietsenmaker Jansen');
    expect(text(html)).toContain('Serial number of Fietsbel?');
    const dutch = packScreen({ batch: waiting, language: 'nl' });
    expect(text(dutch)).toContain('Serienummer van Fietsbel: het gaat in vak 3');
    expect(text(callout(dutch))).toContain('Eerst het serienummer, dan vak');
    expect(packScreen({ batch })).not.toContain('data-testid="serial-prompt"');
  });

  it('a serial question main no longer asks (the station restarted and dropped the unit) is not shown as still open', () => {
    // The page heard the question; main, restarted, holds no unit and its last word is slot 1.
    const asked = answerFixture({
      kind: 'product',
      outcome: 'serial_needed',
      slot: 3,
      picklistid: 'P2026-0703',
      product: { idproduct: 9, productcode: 'F-9', name: 'Fietsbel', image: null, isInactive: false },
      reason: { code: 'scan.serialNeeded', params: { product: 'Fietsbel' } },
    });
    const restarted = normalBatchFixture({
      serialWanted: null,
      lastScan: { outcome: 'counted', code: '8712345000011', amount: 1, productName: 'Koffiebonen 1 kg', slot: 1, picklistid: 'P2026-0701', at: '2026-12-03T10:00:00.000Z' },
    });
    const html = packScreen({ batch: restarted, answer: asked });
    expect(html).not.toContain('data-testid="serial-prompt"');
    expect(callout(html)).toContain('data-slot="1"');
    expect(text(callout(html))).not.toContain('serial number first');
    expect(text(html)).not.toContain('Serial number of Fietsbel?');
    expect(text(html)).toContain('Fietsbel no longer waits for its serial number: scan it again.');
    expect(text(packScreen({ batch: restarted, answer: asked, language: 'nl' }))).toContain('Fietsbel wacht niet meer op een serienummer: scan het opnieuw.');
  });

  it('an undo says which slot to take the unit out of', () => {
    const answer = answerFixture({ kind: 'undone', slot: 2, amount: 1, product: { idproduct: 1, productcode: 'K-1', name: 'Koffiebonen 1 kg', image: null, isInactive: false } });
    const html = callout(packScreen({ batch, answer }));
    expect(html).toContain('data-slot="2"');
    expect(html).toContain('aria-label="Take it out of slot 2"');
  });

  it('lists every slot with its number, picklist, customer, count and state in words', () => {
    const html = packScreen({ batch });
    for (const slot of batch.slots) {
      const shown = card(html, slot.slot);
      expect(shown).toContain(`data-state="${slot.state}"`);
      expect(shown).toContain(`data-idpicklist="${slot.idpicklist}"`);
      expect(text(shown)).toContain(slot.picklistid);
      expect(text(shown)).toContain(slot.customer);
      expect(text(shown)).toContain(`${slot.verifiedUnits} of ${slot.units}`);
    }
    expect(text(card(html, 1))).toContain('Sent');
    expect(text(card(html, 2))).toContain('Packing');
    expect(text(card(html, 3))).toContain('Waiting');
    expect(text(card(html, 4))).toContain('Refused');
    expect(text(card(html, 4))).toContain('Picklist P2026-0704 is paused in Picqer.');
    // Verified but stuck: the reason it cannot complete.
    expect(text(card(html, 5))).toContain('Complete, not sent');
    expect(text(card(html, 5))).toContain('choose one before completing');
    // The slot of the last scan is marked in words as well.
    expect(card(html, 2)).toContain('aria-current="true"');
    expect(text(card(html, 2))).toContain('Last scan');
  });

  it('offers Undo, Problem and Leave batch, and no Complete', () => {
    const html = packScreen({ batch });
    expect(html).toMatch(/<button[^>]*>Undo last scan</);
    expect(html).toMatch(/<button[^>]*>Problem with a slot</);
    expect(html).toMatch(/<button[^>]*>Leave batch</);
    expect(html).not.toMatch(/>Complete</);
  });

  it('says so when every slot is done', () => {
    const done = normalBatchFixture({ slots: batch.slots.map((s) => (s.state === 'refused' ? s : { ...s, verifiedUnits: s.units, state: 'sent' as const, reason: null })), isDone: true });
    const html = packScreen({ batch: done });
    expect(text(html)).toContain('Every slot is done. Leave the batch to pack the next one.');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Undo last scan</);
  });

  it('in Dutch: vak, and every state in words', () => {
    const html = packScreen({ batch, language: 'nl' });
    expect(callout(html)).toContain('aria-label="Leg het in vak 2"');
    expect(text(html)).toContain('Normale batch');
    expect(text(card(html, 1))).toContain('Verzonden');
    expect(text(card(html, 2))).toContain('Bezig');
    expect(text(card(html, 3))).toContain('Wacht');
    expect(text(card(html, 4))).toContain('Geweigerd');
    expect(text(card(html, 5))).toContain('Compleet, niet verzonden');
    expect(text(card(html, 2))).toContain('2 van 4');
    expect(html).toMatch(/<button[^>]*>Batch verlaten</);
  });
});

describe('the batch screen: a singles batch of 10', () => {
  const batch = singlesBatchFixture();

  it('keeps it compact: counts per state, the slots that need attention, and the last scan', () => {
    const html = packScreen({ batch });
    expect(text(html)).toContain('Singles batch');
    const counts = /<ul[^>]*data-testid="batch-counts"[^>]*>.*?<\/ul>/.exec(html)?.[0] ?? '';
    expect(counts).toMatch(/data-state="sent"[^>]*>.*?4.*?Sent/);
    expect(counts).toMatch(/data-state="labels_pending"[^>]*>.*?1.*?Label pending/);
    expect(counts).toMatch(/data-state="refused"[^>]*>.*?1.*?Refused/);
    expect(counts).toMatch(/data-state="waiting"[^>]*>.*?4.*?Waiting/);
    expect(counts).not.toContain('data-state="packing"');
    // Not ten cards: the refused one (with its reason) and the slot of the last scan.
    expect(html.match(/data-slot-card=/g)).toHaveLength(2);
    expect(text(card(html, 6))).toContain('Picklist P2026-0706 was cancelled in Picqer.');
    expect(text(card(html, 5))).toContain('Label pending');
  });

  it('the unit that completed its picklist: the slot large, and that its label waits for the connection', () => {
    const html = callout(packScreen({ batch }));
    expect(html).toContain('data-slot="5"');
    expect(text(html)).toContain('P2026-0705');
    expect(text(html)).toContain('Picklist complete: its label prints when the connection returns');
  });

  it('in Dutch', () => {
    const html = packScreen({ batch, language: 'nl' });
    expect(text(html)).toContain('Singles-batch');
    expect(text(html)).toContain('Vakken per status');
    expect(text(callout(html))).toContain('Picklijst compleet: het verzendlabel wordt geprint zodra de verbinding terug is');
  });
});

describe('reporting a problem in a batch', () => {
  it('asks for the slot first, offering only slots still being packed, then the reason', () => {
    const stores = storesShowing({ batch: normalBatchFixture() });
    const html = renderToStaticMarkup(
      <StoresContext value={stores}>
        <BatchProblemDialog t={createT('en')} />
      </StoresContext>,
    );
    expect(text(html)).toContain('Which slot?');
    const slots = [...html.matchAll(/name="batch-problem-slot" value="(\d+)"/g)].map((m) => Number(m[1]));
    // Sent (1) and refused (4) are no longer this batch's to report.
    expect(slots).toEqual([702, 703, 705]);
    expect(html).not.toMatch(/name="batch-problem-slot"[^>]*checked/);
    expect(html).toMatch(/name="problem-reason" value="missing"/);
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""[^>]*>Report problem</);
    expect(text(html)).toContain('Choose the slot first, then what is wrong.');
  });
});

describe('the queue lists the open batches above the picklists', () => {
  function queueBatches(language: Language, batches = [batchSummaryFixture(4001, { assignedTo: 'Joris' }), batchSummaryFixture(4002, { type: 'singles', totalPicklists: 10, totalProducts: 10, canOpen: false })]) {
    const stores = createStores(createFakeApi());
    const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language }) }));
    const queue = createStore<QueueStore>()(() => ({ ...stores.queue.getState(), batches }));
    return renderToStaticMarkup(
      <StoresContext value={{ ...stores, app, queue }}>
        <QueueBatches />
      </StoresContext>,
    );
  }

  it('each with its number, kind, size and an Open button; one not read yet says why it cannot open', () => {
    const html = queueBatches('en');
    expect(text(html)).toContain('Open batches');
    const first = /<tr[^>]*data-idpicklist-batch="4001".*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(text(first)).toContain('B2026-4001');
    expect(text(first)).toContain('Normal batch');
    expect(text(first)).toContain('5 picklists');
    expect(text(first)).toContain('12 products');
    expect(text(first)).toContain('Joris');
    expect(first).toMatch(/<button[^>]*aria-label="Open batch B2026-4001"[^>]*>Open</);
    expect(first).not.toContain('disabled');
    const second = /<tr[^>]*data-idpicklist-batch="4002".*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(text(second)).toContain('Singles batch');
    expect(second).toMatch(/<button[^>]*disabled=""/);
    expect(text(second)).toContain('Not read from Picqer yet');
  });

  it('in Dutch', () => {
    const html = queueBatches('nl');
    expect(text(html)).toContain('Openstaande batches');
    expect(text(html)).toContain('10 picklijsten');
    expect(html).toMatch(/aria-label="Batch B2026-4001 openen"[^>]*>Openen</);
  });

  it('shows nothing when there are no open batches', () => {
    expect(queueBatches('en', [])).toBe('');
  });
});

describe('after the batch', () => {
  function ready(language: Language, isDone: boolean): string {
    const stores = createStores(createFakeApi());
    const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language }) }));
    const session = createStore<SessionStore>()(() => ({
      ...stores.session.getState(),
      departure: { kind: 'batch', picklistid: 'B2026-0041', parcelsSent: isDone ? 4 : 1, isDone, state: 'packing' },
    }));
    return text(
      renderToStaticMarkup(
        <StoresContext value={{ ...stores, app, session }}>
          <ReadyPanel />
        </StoresContext>,
      ),
    );
  }

  it('the ready screen says what the batch sent, and how to go on with one left half-way', () => {
    expect(ready('en', true)).toContain('Batch B2026-0041 done: 4 parcels sent');
    expect(ready('en', false)).toContain('Left batch B2026-0041: 1 parcel sent, the rest is back on the queue. Scan the batch to go on.');
    expect(ready('nl', true)).toContain('Batch B2026-0041 klaar: 4 pakketten verzonden');
    expect(ready('nl', false)).toContain('Batch B2026-0041 verlaten: 1 pakket verzonden');
  });
});
