import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../electron/main/infra/clock';
import type { RawComment, RawPicklist, RawShippingMethod } from '../../electron/picqer-demo/types';
import { startApi, type Api } from './demo-client';

type ErrorBody = { error: boolean; error_code: number; error_message: string };

let api: Api;
let clock: ReturnType<typeof createManualClock>;
beforeEach(async () => {
  clock = createManualClock();
  api = await startApi({ clock });
});
afterEach(() => api.backend.close());

function simpleOpenPicklist(): RawPicklist {
  const found = api.backend.state.picklists.find((p) => p.status === 'new' && p.products.length >= 2 && !p.products.some((l) => l.has_parts));
  if (!found) throw new Error('no simple open picklist in the seed');
  return found;
}
const url = (p: RawPicklist, action = '') => `/api/v1/picklists/${String(p.idpicklist)}${action}`;

describe('picking', () => {
  it('picks by line id and by productcode or idproduct, returning the updated picklist', async () => {
    const picklist = simpleOpenPicklist();
    const [a, b] = picklist.products as [RawPicklist['products'][number], RawPicklist['products'][number]];
    const before = picklist.updated;
    clock.advance(5_000);
    const first = await api.post<RawPicklist>(url(picklist, '/pick'), { idpicklist_product: a.idpicklist_product, amount: 1 });
    expect(first.status).toBe(200);
    expect(first.body.products.find((l) => l.idpicklist_product === a.idpicklist_product)?.amount_picked).toBe(1);
    expect(first.body.totalpicked).toBe(1);
    expect(first.body.updated > before).toBe(true);
    const byCode = await api.post<RawPicklist>(url(picklist, '/pick'), { product: b.productcode, amount: b.amount });
    expect(byCode.body.products.find((l) => l.idpicklist_product === b.idpicklist_product)?.amount_picked).toBe(b.amount);
    const rest = a.amount - 1;
    if (rest > 0) {
      const byId = await api.post<RawPicklist>(url(picklist, '/pick'), { product: a.idproduct, amount: rest });
      expect(byId.status).toBe(200);
    }
    expect(picklist.totalpicked).toBe(1 + b.amount + rest);
  });

  it('refuses picks with Picqer error codes 15, 16, 17, 18 and 21', async () => {
    const picklist = simpleOpenPicklist();
    const line = picklist.products[0] as RawPicklist['products'][number];
    const code = async (body: unknown, target = picklist) => {
      const r = await api.post<ErrorBody>(url(target, '/pick'), body);
      expect(r.status).toBe(400);
      return r.body.error_code;
    };
    expect(await code({ amount: 1 })).toBe(15);
    expect(await code({ idpicklist_product: line.idpicklist_product, amount: 0 })).toBe(16);
    expect(await code({ idpicklist_product: line.idpicklist_product, amount: 'two' })).toBe(16);
    expect(await code({ idpicklist_product: 1, amount: 1 })).toBe(17);
    expect(await code({ product: 'NOT-ON-LIST', amount: 1 })).toBe(17);
    expect(await code({ idpicklist_product: line.idpicklist_product, amount: line.amount + 1 })).toBe(18);
    expect(line.amount_picked).toBe(0);
    const paused = api.backend.state.picklists.find((p) => p.status === 'paused') as RawPicklist;
    expect(await code({ idpicklist_product: paused.products[0]?.idpicklist_product, amount: 1 }, paused)).toBe(21);
    expect((await api.post<ErrorBody>('/api/v1/picklists/123/pick', { product: 'x', amount: 1 })).status).toBe(404);
  });

  it('picks compositions by their parts: the parent counts as picked when every part is', async () => {
    const picklist = api.backend.state.picklists.find((p) => p.status === 'new' && p.products.some((l) => l.has_parts)) as RawPicklist;
    const parent = picklist.products.find((l) => l.has_parts) as RawPicklist['products'][number];
    const parts = picklist.products.filter((l) => l.partof_idpicklist_product === parent.idpicklist_product);
    for (const part of parts) {
      await api.post(url(picklist, '/pick'), { idpicklist_product: part.idpicklist_product, amount: part.amount / parent.amount });
    }
    expect(parent.amount_picked).toBe(1);
    const parentPick = await api.post<ErrorBody>(url(picklist, '/pick'), { idpicklist_product: parent.idpicklist_product, amount: parent.amount });
    expect(parentPick.body.error_code).toBe(18);
    const all = await api.post<RawPicklist>(url(picklist, '/pickall'));
    expect(all.body.totalpicked).toBe(all.body.totalproducts);
    expect(parts.every((p) => p.amount_picked === p.amount)).toBe(true);
  });

  it('pickall then close; closing again is refused with 21', async () => {
    const picklist = simpleOpenPicklist();
    await api.post(url(picklist, '/pickall'));
    clock.advance(1000);
    const closed = await api.post<RawPicklist>(url(picklist, '/close'));
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(closed.body.closed_by_iduser).toBe(api.backend.state.apiUserId);
    const again = await api.post<ErrorBody>(url(picklist, '/close'));
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe(21);
    expect(api.backend.state.getOrder(picklist.idorder ?? 0).status).toBe('completed');
  });
});

describe('picklist state machine', () => {
  it('assign and unassign', async () => {
    const picklist = simpleOpenPicklist();
    const assigned = await api.post<RawPicklist>(url(picklist, '/assign'), { iduser: 24 });
    expect(assigned.body.assigned_to_iduser).toBe(24);
    expect((await api.post<ErrorBody>(url(picklist, '/assign'), { iduser: 99999 })).status).toBe(400);
    expect((await api.post<ErrorBody>(url(picklist, '/assign'), {})).body.error_code).toBe(5);
    expect((await api.post<RawPicklist>(url(picklist, '/unassign'))).body.assigned_to_iduser).toBeNull();
  });

  it('pause with a reason, refuse picks while paused, resume', async () => {
    const picklist = simpleOpenPicklist();
    expect((await api.post<ErrorBody>(url(picklist, '/pause'), {})).body.error_code).toBe(5);
    const paused = await api.post<RawPicklist>(url(picklist, '/pause'), { reason: 'Doos kapot' });
    expect(paused.body.status).toBe('paused');
    expect(paused.body.paused_reason).toBe('Doos kapot');
    expect((await api.post<ErrorBody>(url(picklist, '/pause'), { reason: 'again' })).body.error_code).toBe(21);
    const resumed = await api.post<RawPicklist>(url(picklist, '/resume'));
    expect(resumed.body.status).toBe('new');
    expect(resumed.body.paused_reason).toBeNull();
    expect((await api.post<ErrorBody>(url(picklist, '/resume'))).body.error_code).toBe(21);
  });

  it('snoozes until a moment and wakes up by itself after it', async () => {
    const picklist = simpleOpenPicklist();
    expect((await api.post<ErrorBody>(url(picklist, '/snooze'), { snooze_until: 'tomorrow' })).status).toBe(400);
    const snoozed = await api.post<RawPicklist>(url(picklist, '/snooze'), { snooze_until: '2026-11-02 10:00:00' });
    expect(snoozed.body.status).toBe('snoozed');
    expect(snoozed.body.snoozed_until).toBe('2026-11-02 10:00:00');
    clock.advance(60 * 60_000 + 1000);
    const woke = await api.get<RawPicklist>(url(picklist));
    expect(woke.body.status).toBe('new');
    expect(woke.body.snoozed_until).toBeNull();
  });

  it('state helpers change the world as a Picqer user would', async () => {
    const picklist = simpleOpenPicklist();
    api.backend.state.pausePicklist(picklist.idpicklist, 'Klant belt terug');
    const seen = await api.get<RawPicklist>(url(picklist));
    expect(seen.body.status).toBe('paused');
    expect(seen.body.paused_reason).toBe('Klant belt terug');
  });
});

describe('comments and shipping methods', () => {
  it('adds and lists comments', async () => {
    const picklist = simpleOpenPicklist();
    expect((await api.post<ErrorBody>(url(picklist, '/comments'), { body: '' })).body.error_code).toBe(5);
    const created = await api.post<RawComment>(url(picklist, '/comments'), { body: 'Product mist, @Jan de Vries' });
    expect(created.status).toBe(201);
    expect(created.body.body).toBe('Product mist, @Jan de Vries');
    const list = await api.get<RawComment[]>(url(picklist, '/comments'));
    expect(list.body.map((c) => c.idcomment)).toEqual([created.body.idcomment]);
    expect((await api.get<RawPicklist>(url(picklist))).body.comment_count).toBe(1);
  });

  it('marks exactly one shipping method as selected: the picklist profile, else the standard one', async () => {
    const withProfile = api.backend.state.picklists.find((p) => p.idshippingprovider_profile !== null) as RawPicklist;
    const withoutProfile = api.backend.state.picklists.find((p) => p.idshippingprovider_profile === null) as RawPicklist;
    const a = await api.get<RawShippingMethod[]>(url(withProfile, '/shippingmethods'));
    expect(a.body.filter((m) => m.selected).map((m) => m.idshippingprovider_profile)).toEqual([withProfile.idshippingprovider_profile]);
    const b = await api.get<RawShippingMethod[]>(url(withoutProfile, '/shippingmethods'));
    const standard = api.backend.state.shippingProviders.flatMap((p) => p.profiles).find((p) => p.standard);
    expect(b.body.filter((m) => m.selected).map((m) => m.idshippingprovider_profile)).toEqual([standard?.idshippingprovider_profile]);
  });
});

describe('picklist tag shapes', () => {
  it('sends tags as an array by default and keyed by title in the old shape', async () => {
    const tagged = api.backend.state.picklists.find((p) => p.tags.length > 0) as RawPicklist;
    const current = await api.get<RawPicklist>(url(tagged));
    expect(Array.isArray(current.body.tags)).toBe(true);
    const old = await startApi({ picklistTagShape: 'object' });
    try {
      const r = await old.get<{ tags: Record<string, { title: string }> }>(url(tagged));
      expect(Array.isArray(r.body.tags)).toBe(false);
      const [title, tag] = Object.entries(r.body.tags)[0] ?? [];
      expect(tag?.title).toBe(title);
      const list = await old.get<Array<{ tags: unknown }>>('/api/v1/picklists');
      expect(list.body.every((p) => !Array.isArray(p.tags))).toBe(true);
    } finally {
      await old.backend.close();
    }
  });
});
