import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { cancelShipment, listParcels, localDay, reprint } from '../../../electron/main/history/history';
import { localShipments, sessionOf, startHarness, station, type Harness } from '../outbox/harness';

describe('history against the demo backend', () => {
  let h: Harness;
  let isOnline = true;
  let packer: { iduser: number; name: string } | null = { iduser: 21, name: 'Sanne de Vries' };
  const deps = () => ({
    db: h.db,
    api: h.api,
    clock: h.clock,
    isOnline: () => isOnline,
    packer: () => packer,
    onHistoryChanged: () => undefined,
    onQueueChanged: () => undefined,
    onSessionUpdated: () => undefined,
  });

  beforeEach(async () => {
    h = await startHarness();
    isOnline = true;
    packer = { iduser: 21, name: 'Sanne de Vries' };
  });

  afterEach(async () => {
    await h.close();
  });

  async function packOne() {
    const picklist = await h.newPicklist();
    const session = h.openSession(picklist);
    h.enqueue(picklist, session, ['pick', 'ship', 'documents', 'close']);
    await h.settle(1);
    return { picklist, session };
  }

  it("lists today's parcels at this station with packer, method, tracking code, window and print jobs", async () => {
    const { picklist } = await packOne();
    const parcels = listParcels(h.db, { day: localDay(h.clock.now()), stationName: station });
    expect(parcels).toHaveLength(1);
    const shipment = h.demo.state.listShipments(picklist.idpicklist)[0];
    expect(parcels[0]).toMatchObject({
      idshipment: shipment?.idshipment,
      idpicklist: picklist.idpicklist,
      picklistid: picklist.picklistid,
      customer: picklist.deliveryname,
      packer: { iduser: h.packer },
      shippingMethod: shipment?.profile_name,
      trackingCode: shipment?.trackingcode,
      state: 'shipped',
      canCancelUntil: new Date(h.clock.now() - 2_000 + 5 * 60_000).toISOString(),
    });
    expect(parcels[0]?.printJobs.map((j) => [j.kind, j.status, j.box])).toEqual([
      ['label', 'done', null],
      ['packing_slip', 'done', null],
    ]);
    expect(listParcels(h.db, { day: localDay(h.clock.now()), stationName: 'Pack 9' })).toHaveLength(0);
    expect(listParcels(h.db, { day: '2026-10-01', stationName: station })).toHaveLength(0);
  });

  it('flags a parcel packed after its carrier’s cut-off that day', async () => {
    const { picklist } = await packOne();
    const row = h.db.prepare('SELECT idshippingprovider_profile AS profile FROM shipments WHERE idpicklist = ?').get(picklist.idpicklist) as { profile: number | null } | undefined;
    const profile = row?.profile;
    expect(profile).toBeTypeOf('number');
    const day = localDay(h.clock.now());
    const withCutOff = (time: string) => listParcels(h.db, { day, stationName: station, cutOffs: new Map([[profile as number, time]]) })[0];
    // Midnight has always passed by the time a parcel is packed that day.
    expect(withCutOff('00:00')?.packedAfterCutOff).toBe('00:00');
    const packed = new Date(withCutOff('00:00')?.packedAt ?? '');
    if (packed.getHours() < 23) expect(withCutOff(`${String(packed.getHours() + 1).padStart(2, '0')}:00`)?.packedAfterCutOff).toBeNull();
    expect(listParcels(h.db, { day, stationName: station })[0]?.packedAfterCutOff).toBeNull();
    expect(listParcels(h.db, { day, stationName: station, cutOffs: new Map([[(profile as number) + 1, '00:00']]) })[0]?.packedAfterCutOff).toBeNull();
  });

  it('cancels within five minutes: shipment cancelled in Picqer and here, picklist open for packing again', async () => {
    const { picklist, session } = await packOne();
    h.clock.advance(3 * 60_000);
    await cancelShipment(deps(), picklist.idpicklist, 'Customer cancelled by phone');
    expect(h.demo.state.listShipments(picklist.idpicklist)[0]?.cancelled).toBe(true);
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('new');
    expect(localShipments(h.db, picklist.idpicklist)[0]?.status).toBe('cancelled');
    expect(sessionOf(h.db, session).status).toBe('abandoned');
    const local = h.db.prepare('SELECT status FROM picklists WHERE idpicklist = ?').get(picklist.idpicklist) as { status: string };
    expect(local.status).toBe('new');
    const cancelled = listParcels(h.db, { day: localDay(h.clock.now()), stationName: station })[0];
    expect(cancelled?.state).toBe('cancelled');
    // Picqer's cancel does not reach the carrier, so who cancelled, and when, is kept for the shift lead.
    expect(cancelled?.cancelledBy).toEqual({ iduser: 21, name: 'Sanne de Vries' });
    expect(cancelled?.cancelReason).toBe('Customer cancelled by phone');
    expect(cancelled?.cancelledAt).toBe(new Date(h.clock.now()).toISOString());

    // Packed again: a second, new shipment, and the cancelled one is not mistaken for it.
    const again = h.openSession(picklist);
    h.enqueue(picklist, again, ['pick', 'ship', 'documents', 'close']);
    await h.settle(2);
    const shipments = h.demo.state.listShipments(picklist.idpicklist);
    expect(shipments.map((s) => s.cancelled)).toEqual([true, false]);
    expect(sessionOf(h.db, again).status).toBe('completed');
    expect(h.demo.state.getPicklist(picklist.idpicklist).status).toBe('closed');
  });

  it('refuses without a signed-in packer: a cancel nobody can be asked about is not made', async () => {
    const { picklist } = await packOne();
    packer = null;
    await expect(cancelShipment(deps(), picklist.idpicklist, 'Wrong box')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(h.demo.state.listShipments(picklist.idpicklist)[0]?.cancelled).toBe(false);
  });

  it('after five minutes refuses with the sentence, and offline refuses as OFFLINE', async () => {
    const { picklist } = await packOne();
    isOnline = false;
    await expect(cancelShipment(deps(), picklist.idpicklist, 'Wrong box')).rejects.toMatchObject({ code: 'OFFLINE' });
    isOnline = true;
    h.clock.advance(6 * 60_000);
    const error = await cancelShipment(deps(), picklist.idpicklist, 'Wrong box').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect((error as AppError).message).toMatch(/Picqer allows cancelling a shipment for 5 minutes after it was made; this one was made at \d{2}:\d{2}/);
    expect(h.demo.state.listShipments(picklist.idpicklist)[0]?.cancelled).toBe(false);
  });

  it('reprint prints the label again from the journal: a second file', async () => {
    const { picklist } = await packOne();
    const labels = () => h.printedFiles().filter((f) => f.includes('-label.'));
    expect(labels()).toHaveLength(1);
    const ids = reprint({ db: h.db, printing: h.printing }, picklist.idpicklist, 'label');
    expect(ids).toHaveLength(1);
    await h.printing.drain();
    expect(labels()).toHaveLength(2);
    expect(h.printedFiles().filter((f) => f.includes('-packing_slip.'))).toHaveLength(1);
  });
});
