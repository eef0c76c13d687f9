import { renderToStaticMarkup } from 'react-dom/server';
import { createStore } from 'zustand/vanilla';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelShipmentDialog } from '../../renderer/src/components/CancelShipmentDialog';
import { ParcelRow } from '../../renderer/src/components/ParcelRow';
import { ProblemDialog } from '../../renderer/src/components/ProblemDialog';
import { createT } from '../../renderer/src/i18n';
import { createStores } from '../../renderer/src/stores';
import type { AppStore } from '../../renderer/src/stores/app';
import { StoresContext } from '../../renderer/src/stores/context';
import { answerFixture, appStateFixture, createFakeApi, packLineFixture, parcelFixture, sessionFixture, settle } from './fake-api';
import { packStation } from './pack-station';

/*
 * Issue 12 §5: while a dialog is open it owns the keyboard and the scanner. Digits are never a
 * multiplier behind it, Enter never submits what nobody picked, and a scan the dialog has no use
 * for waits and is answered once it closes.
 */

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Held scans are answered one after the other, each a few promise turns. */
async function settleAll(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await settle();
}

const scanEvent = (code: string, multiplier: number | null = null) => ({ type: 'scan' as const, code, multiplier, terminator: 'Enter' as const });

describe('a dialog owns the scanners main reads', () => {
  it('tells main to hold device scans while a dialog is open, not while a chooser takes them', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.handle('scan.hold', () => null);
    stores.ui.getState().openDialog({ kind: 'problem' });
    await settle();
    stores.ui.getState().closeDialog();
    await settle();
    stores.ui.getState().openDialog({ kind: 'choosePicklist', code: 'P1', choices: [] });
    await settle();
    expect(api.callsOf('scan.hold')).toEqual([{ isHeld: true }, { isHeld: false }]);
  });
});

describe('a dialog owns the keyboard', () => {
  it('digits and Enter with the Problem dialog open set no multiplier and report nothing', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.handle('pack.problem', () => api.ack('problem_reported', null));
    api.handle('pack.current', () => ({ revision: api.revision(), session: sessionFixture(), batch: null }));
    api.publish(sessionFixture());
    const reset = vi.fn();
    stores.scanner.attachMultiplierReset(reset);
    stores.ui.getState().openDialog({ kind: 'problem' });

    stores.scanner.onWedge({ type: 'multiplier', value: 3 });
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(stores.scan.getState().multiplier).toBeNull();
    // The detector forgets the digits too, or the next scan would still carry them.
    expect(reset).toHaveBeenCalled();
    expect(api.callsOf('pack.problem')).toEqual([]);
    expect(api.callsOf('scan.submit')).toEqual([]);
    expect(stores.ui.getState().dialog).toEqual({ kind: 'problem' });
  });

  it('the Problem dialog has no reason picked and its button is off until one is', () => {
    const stores = createStores(createFakeApi());
    const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language: 'en' }) }));
    const html = renderToStaticMarkup(
      <StoresContext value={{ ...stores, app }}>
        <ProblemDialog t={createT('en')} />
      </StoresContext>,
    );
    expect(html.match(/<input type="radio"[^>]*>/g)).toHaveLength(4);
    expect(html).not.toMatch(/<input type="radio"[^>]*checked/);
    // A form whose default button is disabled is not submitted by Enter (implicit submission).
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""[^>]*>Report problem</);
  });

  it('a product scan with the confirm-by-hand dialog open waits, and is counted and shown when it closes', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    const session = sessionFixture({ lines: [packLineFixture(1, { amount: 2 }), packLineFixture(2, { hasBarcode: false })] });
    api.handle('pack.current', () => ({ revision: api.revision(), session: session, batch: null }));
    api.publish(session);
    api.handle('scan.submit', ({ code }) => api.answer({ code, outcome: 'counted' }, { ...session, verifiedUnits: 1 }));
    stores.ui.getState().openDialog({ kind: 'confirmLine', idpicklist_product: 2 });

    stores.scanner.onWedge(scanEvent('8712345000011'));
    stores.scanner.onWedge(scanEvent('8712345000028'));
    await settle();
    expect(api.callsOf('scan.submit')).toEqual([]);
    expect(stores.scan.getState().held).toEqual(['8712345000011', '8712345000028']);
    expect(stores.ui.getState().dialog?.kind).toBe('confirmLine');

    stores.ui.getState().closeDialog();
    await settleAll();
    expect(api.callsOf('scan.submit')).toEqual([
      { code: '8712345000011', source: 'wedge' },
      { code: '8712345000028', source: 'wedge' },
    ]);
    expect(stores.scan.getState().held).toEqual([]);
    expect(stores.scan.getState().lastAnswer?.code).toBe('8712345000028');
    expect(played).toEqual(['counted', 'counted']);
  });

  it('a held scan keeps its place: one made just after the dialog closed is answered after it', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.publish(sessionFixture());
    api.handle('scan.submit', ({ code }) => answerFixture({ code, outcome: 'counted'  }));
    stores.ui.getState().openDialog({ kind: 'problem' });
    stores.scanner.onWedge(scanEvent('HELD1'));
    stores.ui.getState().closeDialog();
    stores.scanner.onWedge(scanEvent('AFTER2'));
    await settleAll();
    expect(api.callsOf('scan.submit')).toEqual([
      { code: 'HELD1', source: 'wedge' },
      { code: 'AFTER2', source: 'wedge' },
    ]);
  });

  it('the CANCEL barcode is for the dialog: it closes it and is not held to leave the picklist later', async () => {
    const { api, stores } = packStation();
    stores.start();
    api.publish(sessionFixture());
    api.handle('pack.leave', () => api.ack('left', null));
    stores.ui.getState().openDialog({ kind: 'problem' });
    stores.scanner.onWedge(scanEvent('PD:CANCEL'));
    await settle();
    expect(stores.ui.getState().dialog).toBeNull();
    expect(stores.scan.getState().held).toEqual([]);
    expect(api.callsOf('scan.submit')).toEqual([]);
    expect(api.callsOf('pack.leave')).toEqual([]);
  });

  it('in a chooser the digits are the number of a choice, never a multiplier on the pack screen', async () => {
    const { api, stores } = packStation();
    const choices = [
      { idpicklist: 105, picklistid: 'P2026-0105', customer: 'Studio Noord', reference: null, status: 'new' as const },
      { idpicklist: 101, picklistid: 'P2026-0101', customer: 'Bakkerij', reference: null, status: 'new' as const },
    ];
    api.handle('pack.open', ({ idpicklist }) => api.answer({ kind: 'opened', code: String(idpicklist) }, sessionFixture({ idpicklist })));
    stores.ui.getState().openDialog({ kind: 'choosePicklist', code: 'LS', choices });
    stores.scanner.onWedge({ type: 'multiplier', value: 2 });
    expect(stores.scan.getState().multiplier).toBeNull();
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('pack.open')).toEqual([{ idpicklist: 101 }]);
  });
});

describe('cancelling a shipment asks first', () => {
  it('the question names the carrier and who is recorded, and Enter is not a yes', async () => {
    const { api, stores } = packStation();
    api.handle('history.list', () => [parcelFixture(7, { state: 'cancelled' })]);
    api.handle('history.cancelShipment', ({ idpicklist }) => api.emitAck('history.changed', { idpicklist }));
    stores.ui.getState().openDialog({ kind: 'cancelShipment', idpicklist: 7, picklistid: 'P2026-0007' });
    // Enter with the question open is not a yes.
    stores.scanner.onWedge({ type: 'enter' });
    await settle();
    expect(api.callsOf('history.cancelShipment')).toEqual([]);

    const app = createStore<AppStore>()(() => ({ ...stores.app.getState(), appState: appStateFixture({ language: 'en', packer: { iduser: 7, name: 'Sanne de Vries' } }) }));
    const html = renderToStaticMarkup(
      <StoresContext value={{ ...stores, app }}>
        <CancelShipmentDialog idpicklist={7} picklistid="P2026-0007" t={createT('en')} />
      </StoresContext>,
    );
    expect(html).toContain('This does not reach the carrier');
    expect(html).toContain('Destroy the printed label');
    expect(html).toContain('Cancel the shipment of P2026-0007?');
    expect(html).toContain('Recorded with your name (Sanne de Vries)');
    expect(html).toMatch(/<button type="button"[^>]*>Yes, cancel the shipment</);
    // A reason is asked for, and the yes waits for one.
    expect(html).toContain('data-testid="cancel-reason"');
    expect(html).toMatch(/<button type="button"[^>]*disabled=""[^>]*>Yes, cancel the shipment</);
  });

  it('History says who cancelled a shipment, and when', () => {
    const parcel = parcelFixture(7, { state: 'cancelled', cancelledBy: { iduser: 21, name: 'Sanne de Vries' }, cancelledAt: '2026-03-02T09:04:00.000Z', cancelReason: 'Wrong address' });
    const html = renderToStaticMarkup(
      <table>
        <tbody>
          <ParcelRow parcel={parcel} t={createT('en')} language="en" now={0} busy={null} onCancel={() => undefined} onReprint={() => undefined} onView={() => undefined} onLots={() => undefined} />
        </tbody>
      </table>,
    );
    expect(html).toMatch(/Cancelled by Sanne de Vries at \d\d:\d\d/);
    expect(html).toContain('Wrong address');
  });
});
