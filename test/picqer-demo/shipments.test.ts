import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../electron/main/infra/clock';
import type { RawPicklist, RawShipment } from '../../electron/picqer-demo/types';
import { startApi, type Api } from './demo-client';
import type { DemoBackendOptions } from '../../electron/picqer-demo/server';

type ErrorBody = { error: boolean; error_code: number; error_message: string };

let api: Api | null = null;
let clock = createManualClock();
async function start(options: DemoBackendOptions = {}): Promise<Api> {
  clock = createManualClock();
  api = await startApi({ clock, ...options });
  return api;
}
afterEach(async () => {
  await api?.backend.close();
  api = null;
});

function openPicklist(a: Api, index = 0): RawPicklist {
  const found = a.backend.state.picklists.filter((p) => p.status === 'new')[index];
  if (!found) throw new Error('no open picklist');
  return found;
}
const shipmentsUrl = (p: RawPicklist) => `/api/v1/picklists/${String(p.idpicklist)}/shipments`;

describe('shipments', () => {
  it('creates a shipment with labels per parcel and at the top level, served without auth', async () => {
    const a = await start();
    const picklist = openPicklist(a);
    const created = await a.post<RawShipment>(`${shipmentsUrl(picklist)}?return=shipment`, { idshippingprovider_profile: 1365, weight: 1250, idpackaging: 4 });
    expect(created.status).toBe(201);
    const s = created.body;
    expect(s.idpicklist).toBe(picklist.idpicklist);
    expect(s.weight).toBe(1250);
    expect(s.idpackaging).toBe(4);
    expect(s.trackingcode).toBeTruthy();
    expect(s.tracktraceurl).toContain(s.trackingcode);
    expect(s.parcels).toHaveLength(1);
    const docs = s.parcels[0]?.documents ?? [];
    expect(docs.map((d) => [d.type, d.format, d.size])).toEqual([
      ['label', 'pdf', 'A6'],
      ['label', 'zpl', 'A6'],
    ]);
    const pdf = await fetch(s.labelurl_pdf);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdfBytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdfBytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 297\.6\d* 419\.5\d*\]/);
    const parcelPdf = await fetch(docs[0]?.url ?? '');
    expect(Buffer.from(await parcelPdf.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('%PDF');
    const zpl = await (await fetch(docs[1]?.url ?? '')).text();
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trim().endsWith('^XZ')).toBe(true);
    expect(zpl).toContain('^BC');
    expect(zpl).toContain(s.parcels[0]?.tracking_code ?? 'missing');
    expect(await (await fetch(s.labelurl_zpl)).text()).toBe(zpl);
    const listed = await a.get<RawShipment[]>(shipmentsUrl(picklist));
    expect(listed.body.map((x) => x.idshipment)).toEqual([s.idshipment]);
  });

  it('accepts the profile as idshippingprofile, falls back to the selected method, and takes parcels', async () => {
    const a = await start();
    const viaOldKey = await a.post<RawShipment>(shipmentsUrl(openPicklist(a, 0)), { idshippingprofile: 1401 });
    expect(viaOldKey.body.idcompany_shippingprovider_profile).toBe(1401);
    const picklist = openPicklist(a, 1);
    const byDefault = await a.post<RawShipment>(shipmentsUrl(picklist), {});
    const selected = a.backend.state.shippingMethods(picklist.idpicklist).find((m) => m.selected);
    expect(byDefault.body.idcompany_shippingprovider_profile).toBe(selected?.idshippingprovider_profile);
    expect(byDefault.body.weight).toBe(picklist.weight);
    const multi = await a.post<RawShipment>(shipmentsUrl(openPicklist(a, 2)), { idshippingprovider_profile: 1365, parcels: [{ idpackaging: 3, weight: 900 }, { idpackaging: 3, weight: 900 }] });
    expect(multi.body.parcels.map((p) => p.weight)).toEqual([900, 900]);
    expect(new Set(multi.body.parcels.map((p) => p.tracking_code)).size).toBe(2);
    const pdf = Buffer.from(await (await fetch(multi.body.labelurl_pdf)).arrayBuffer()).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(2);
  });

  it('multicolli=refused answers two or more parcels as Picqer refuses a shipment, and makes one of one parcel', async () => {
    const a = await start({ variants: { multicolli: 'refused' } });
    const picklist = openPicklist(a);
    const parcels = [{ idpackaging: 3, weight: 900 }, { idpackaging: 5, weight: 2400 }];
    const refused = await a.post<ErrorBody>(shipmentsUrl(picklist), { idshippingprovider_profile: 1365, parcels });
    expect([refused.status, refused.body.error, refused.body.error_code]).toEqual([400, true, 26]);
    expect(refused.body.error_message).toContain('multicolli');
    expect(a.backend.state.listShipments(picklist.idpicklist)).toEqual([]);
    const single = await a.post<RawShipment>(shipmentsUrl(picklist), { idshippingprovider_profile: 1365, parcels: parcels.slice(0, 1) });
    expect(single.status).toBe(201);
    expect(single.body.parcels.map((p) => [p.idpackaging, p.weight])).toEqual([[3, 900]]);
  });

  it('multicolli=ignored makes a shipment of the first parcel only, each parcel with its own label', async () => {
    const a = await start({ variants: { multicolli: 'ignored' } });
    const picklist = openPicklist(a);
    const made = await a.post<RawShipment>(shipmentsUrl(picklist), { idshippingprovider_profile: 1365, parcels: [{ idpackaging: 3, weight: 900 }, { idpackaging: 5, weight: 2400 }] });
    expect(made.status).toBe(201);
    expect(made.body.parcels.map((p) => [p.idpackaging, p.weight])).toEqual([[3, 900]]);
    expect(made.body.parcels[0]?.documents.map((d) => d.format)).toEqual(['pdf', 'zpl']);
  });

  it('refuses shipments with error_code 26', async () => {
    const a = await start();
    const picklist = openPicklist(a);
    const unknownProfile = await a.post<ErrorBody>(shipmentsUrl(picklist), { idshippingprovider_profile: 1 });
    expect([unknownProfile.status, unknownProfile.body.error_code]).toEqual([400, 26]);
    expect((await a.post<ErrorBody>(shipmentsUrl(picklist), { idshippingprovider_profile: 1367 })).body.error_code).toBe(26);
    expect((await a.post<ErrorBody>(shipmentsUrl(picklist), { idpackaging: 999 })).body.error_code).toBe(26);
    expect((await a.post<ErrorBody>(shipmentsUrl(picklist), { parcels: [] })).body.error_code).toBe(26);
    const closed = a.backend.state.picklists.find((p) => p.status === 'closed') as RawPicklist;
    expect((await a.post<ErrorBody>(shipmentsUrl(closed), {})).body.error_code).toBe(26);
    expect(a.backend.state.listShipments(picklist.idpicklist)).toEqual([]);
  });

  it('cancels a shipment within five minutes, not after', async () => {
    const a = await start();
    const picklist = openPicklist(a);
    const first = (await a.post<RawShipment>(shipmentsUrl(picklist), {})).body;
    clock.advance(4 * 60_000 + 59_000);
    const cancelled = await a.del<RawShipment>(`${shipmentsUrl(picklist)}/${String(first.idshipment)}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelled).toBe(true);
    expect((await a.del<ErrorBody>(`${shipmentsUrl(picklist)}/${String(first.idshipment)}`)).body.error_code).toBe(21);
    const second = (await a.post<RawShipment>(shipmentsUrl(picklist), {})).body;
    clock.advance(5 * 60_000 + 1000);
    const late = await a.del<ErrorBody>(`${shipmentsUrl(picklist)}/${String(second.idshipment)}`);
    expect(late.status).toBe(400);
    expect(late.body.error_code).toBe(21);
    expect(late.body.error_message).toMatch(/5 minutes/);
    expect(a.backend.state.findShipment(second.idshipment)?.shipment.cancelled).toBe(false);
    expect((await a.del(`${shipmentsUrl(picklist)}/1`)).status).toBe(404);
  });

  it('sends only parcels or only top-level labels when told to', async () => {
    const parcelsOnly = await start({ labelShape: 'parcels' });
    const s1 = (await parcelsOnly.post<Record<string, unknown>>(shipmentsUrl(openPicklist(parcelsOnly)), {})).body;
    expect(s1.parcels).toBeDefined();
    expect(s1.labelurl_pdf).toBeUndefined();
    expect(s1.trackingcode).toBeUndefined();
    await parcelsOnly.backend.close();
    const topOnly = await start({ labelShape: 'toplevel' });
    const s2 = (await topOnly.post<Record<string, unknown>>(shipmentsUrl(openPicklist(topOnly)), {})).body;
    expect(s2.parcels).toBeUndefined();
    expect(typeof s2.labelurl_pdf).toBe('string');
    expect(typeof s2.labelurl_zpl).toBe('string');
  });
});

describe('packing list pdf', () => {
  it('answers JSON with a base64 pdf by default', async () => {
    const a = await start();
    const picklist = openPicklist(a);
    const r = await a.get<{ pdf: string; filename: string }>(`/api/v1/picklists/${String(picklist.idpicklist)}/packinglistpdf`);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(Buffer.from(r.body.pdf, 'base64').subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(r.body.filename).toContain(picklist.picklistid);
  });

  it('answers raw application/pdf when configured so', async () => {
    const a = await start({ packinglistPdf: 'raw' });
    const picklist = openPicklist(a);
    const r = await a.raw(`/api/v1/picklists/${String(picklist.idpicklist)}/packinglistpdf`, { headers: { 'User-Agent': 't', Authorization: `Basic ${Buffer.from('k:').toString('base64')}` } });
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await r.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  });
});
