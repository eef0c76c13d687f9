import { afterEach, describe, expect, it } from 'vitest';
import { upsertOrders } from '../../../electron/main/db/queries/orders';
import { upsertPicklists } from '../../../electron/main/db/queries/picklists';
import { upsertProducts } from '../../../electron/main/db/queries/products';
import { shelfLifeChoicesOf, shelfLifeMinimumOf, strictestMinimum } from '../../../electron/main/packing/shelf-life';
import { line, order, picklist, product } from '../db/factories';
import { createHarness, type Harness } from './harness';

/*
 * Which minimum shelf life a unit needs (issue 18): the station's default, or the largest of the
 * rules that match the unit's order (a tag on it or its picklist, its webshop) or product (a tag
 * on it). Strictest wins; tags and webshops compare trimmed and in any case.
 */

const rule = (match: 'tag' | 'webshop', value: string, days: number) => ({ match, value, days });

describe('the strictest minimum of the default and the matching rules', () => {
  it('is the default alone without rules, or with none that match', () => {
    expect(strictestMinimum({ minShelfLifeDays: 30 }, { webshops: [], tags: [] })).toEqual({ days: 30, rule: null });
    expect(strictestMinimum({}, { webshops: [], tags: [] })).toEqual({ days: 0, rule: null });
    expect(strictestMinimum({ minShelfLifeDays: 30, shelfLifeRules: [rule('tag', 'Babyvoeding', 90)] }, { webshops: ['PrestaShop'], tags: ['Zorg'] })).toEqual({ days: 30, rule: null });
  });

  it('takes the largest of the default and every matching rule, naming the rule', () => {
    const rules = [rule('tag', 'Zorg', 60), rule('tag', 'Babyvoeding', 90), rule('webshop', 'PrestaShop', 45), rule('tag', 'Other', 365)];
    expect(strictestMinimum({ minShelfLifeDays: 30, shelfLifeRules: rules }, { webshops: ['PrestaShop'], tags: ['Zorg', 'Babyvoeding'] })).toEqual({
      days: 90,
      rule: { match: 'tag', value: 'Babyvoeding' },
    });
    expect(strictestMinimum({ minShelfLifeDays: 30, shelfLifeRules: rules }, { webshops: ['PrestaShop'], tags: [] })).toEqual({ days: 45, rule: { match: 'webshop', value: 'PrestaShop' } });
    // A default stricter than every matching rule stands, named as the default.
    expect(strictestMinimum({ minShelfLifeDays: 120, shelfLifeRules: rules }, { webshops: ['PrestaShop'], tags: ['Babyvoeding'] })).toEqual({ days: 120, rule: null });
    // A rule as strict as the default adds nothing: the default is named.
    expect(strictestMinimum({ minShelfLifeDays: 90, shelfLifeRules: rules }, { webshops: [], tags: ['Babyvoeding'] })).toEqual({ days: 90, rule: null });
  });

  it('compares tags and webshops trimmed and in any case, and a tag rule never matches a webshop of that name', () => {
    const rules = [rule('tag', ' babyVOEDING ', 90), rule('webshop', 'prestashop', 45)];
    expect(strictestMinimum({ shelfLifeRules: rules }, { webshops: [], tags: ['Babyvoeding'] })).toEqual({ days: 90, rule: { match: 'tag', value: 'babyVOEDING' } });
    expect(strictestMinimum({ shelfLifeRules: rules }, { webshops: [' PRESTASHOP'], tags: [] })).toEqual({ days: 45, rule: { match: 'webshop', value: 'prestashop' } });
    expect(strictestMinimum({ shelfLifeRules: [rule('tag', 'PrestaShop', 90)] }, { webshops: ['PrestaShop'], tags: [] })).toEqual({ days: 0, rule: null });
  });
});

describe('the minimum of a unit on a cached picklist', () => {
  let h: Harness;
  afterEach(() => h.cleanup());

  const now = () => new Date(h.clock.now()).toISOString();
  const tag = (idtag: number, title: string) => ({ idtag, title, color: null, textColor: null });

  function seedTagged(): void {
    upsertProducts(h.db, [product({ idproduct: 201, name: 'Baby porridge', raw: { idproduct: 201, tags: [tag(901, 'Babyvoeding')] } }), product({ idproduct: 202, name: 'Tea' })], now());
    upsertOrders(h.db, [order({ idorder: 7201, reference: 'WC #12 / ABC', tags: [tag(902, 'Zorg')] }), order({ idorder: 7202, reference: 'Phone order' })], now());
    upsertPicklists(
      h.db,
      [
        picklist({ idpicklist: 5201, idorder: 7201, reference: 'WC #12 / ABC', products: [line({ idpicklist_product: 52011, idproduct: 201 }), line({ idpicklist_product: 52012, idproduct: 202 })] }),
        picklist({ idpicklist: 5202, idorder: 7202, reference: 'Phone order', products: [line({ idpicklist_product: 52021, idproduct: 202 })] }),
      ],
      now(),
    );
  }

  it('finds a tag on the order, a tag on the product and the webshop the queue names', () => {
    h = createHarness();
    seedTagged();
    const settings = { minShelfLifeDays: 10, shelfLifeRules: [rule('tag', 'zorg', 60), rule('tag', 'Babyvoeding', 90), rule('webshop', 'WooCommerce', 30)] };
    expect(shelfLifeMinimumOf(h.db, settings, { idpicklist: 5201, idproduct: 202 })).toEqual({ days: 60, rule: { match: 'tag', value: 'zorg' } });
    expect(shelfLifeMinimumOf(h.db, settings, { idpicklist: 5201, idproduct: 201 })).toEqual({ days: 90, rule: { match: 'tag', value: 'Babyvoeding' } });
    expect(shelfLifeMinimumOf(h.db, { ...settings, shelfLifeRules: [rule('webshop', 'WooCommerce', 30)] }, { idpicklist: 5201, idproduct: 202 })).toEqual({
      days: 30,
      rule: { match: 'webshop', value: 'WooCommerce' },
    });
    // The connector's prefix names the webshop too.
    expect(shelfLifeMinimumOf(h.db, { shelfLifeRules: [rule('webshop', 'wc', 30)] }, { idpicklist: 5201, idproduct: 202 })).toEqual({ days: 30, rule: { match: 'webshop', value: 'wc' } });
    // A picklist without those tags or a webshop: the default.
    expect(shelfLifeMinimumOf(h.db, settings, { idpicklist: 5202, idproduct: 202 })).toEqual({ days: 10, rule: null });
  });

  it('offers the tags and webshops the cache knows for a rule', () => {
    h = createHarness();
    seedTagged();
    const choices = shelfLifeChoicesOf(h.db);
    expect(choices.tags).toEqual(expect.arrayContaining(['Babyvoeding', 'Zorg']));
    expect(choices.webshops).toEqual(expect.arrayContaining(['PrestaShop', 'WooCommerce']));
    expect(new Set(choices.webshops).size).toBe(choices.webshops.length);
    expect([...choices.tags].sort((a, b) => a.localeCompare(b))).toEqual(choices.tags);
  });
});
