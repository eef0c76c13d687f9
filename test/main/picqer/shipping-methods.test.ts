import { describe, expect, it } from 'vitest';
import { defaultShippingMethod } from '../../../electron/main/picqer/client';
import { shippingMethodSchema } from '../../../electron/main/picqer/schemas';
import type { PicqerShippingMethod } from '../../../electron/main/picqer/types';

/*
 * GET /picklists/{id}/shippingmethods as Picqer documents it (picqer.com/en/api/picklist-shipments,
 * "Get allowed shipping methods for picklist"): the example shows `extra_fields` only as an empty
 * list, so the item's shape is read in the spellings seen, and a method without `selected` is
 * not the default.
 */

const parse = (record: unknown) => shippingMethodSchema.parse(record);

describe('shipping methods as Picqer sends them', () => {
  it('reads the documented example', () => {
    expect(parse({ idshippingprovider_profile: 1365, name: 'PostNL - Nederland', provider: 'PostNL', selected: true, extra_fields: [] })).toEqual({
      idshippingprovider_profile: 1365,
      name: 'PostNL - Nederland',
      provider: 'PostNL',
      selected: true,
      extra_fields: [],
    });
  });

  it('takes a method without a selected flag as not selected', () => {
    expect(parse({ idshippingprovider_profile: 1287, name: 'PostNL - EU Pack Special', provider: 'PostNL', extra_fields: [] }).selected).toBe(false);
  });

  it('reads extra fields in a list or keyed by their identifier, with defaults and options, and drops an item without a key', () => {
    const listed = parse({
      idshippingprovider_profile: 1402,
      name: 'DHL Parcel Connect',
      extra_fields: [
        { identifier: 'pickup_point', title: 'Pickup point', type: 'text', required: true, default: null },
        { key: 'insured_value', label: 'Insured value', required: '0', default_value: 250 },
        { name: 'delivery_option', mandatory: 1, value: 'standard', options: { standard: 'Standard', evening: 'Evening' } },
        { title: 'No key' },
      ],
    });
    expect(listed.extra_fields).toEqual([
      { key: 'pickup_point', title: 'Pickup point', isRequired: true, defaultValue: null, options: [] },
      { key: 'insured_value', title: 'Insured value', isRequired: false, defaultValue: '250', options: [] },
      {
        key: 'delivery_option',
        title: 'delivery_option',
        isRequired: true,
        defaultValue: 'standard',
        options: [
          { value: 'standard', title: 'Standard' },
          { value: 'evening', title: 'Evening' },
        ],
      },
    ]);
    const keyed = parse({ idshippingprovider_profile: 1402, name: 'DHL', extra_fields: { pickup_point: { title: 'Pickup point', required: true } } });
    expect(keyed.extra_fields).toEqual([{ key: 'pickup_point', title: 'Pickup point', isRequired: true, defaultValue: null, options: [] }]);
  });
});

describe('defaultShippingMethod', () => {
  const method = (id: number, selected = false): PicqerShippingMethod => ({ idshippingprovider_profile: id, name: `M${id}`, provider: null, selected, extra_fields: [] });

  it("takes Picqer's selected method, else the picklist's own profile when allowed, else the only one", () => {
    expect(defaultShippingMethod([method(1), method(2, true)], 1)?.idshippingprovider_profile).toBe(2);
    expect(defaultShippingMethod([method(1), method(2)], 2)?.idshippingprovider_profile).toBe(2);
    expect(defaultShippingMethod([method(1)])?.idshippingprovider_profile).toBe(1);
  });

  it('never takes the first of several: no selected flag and no allowed own profile is no default', () => {
    expect(defaultShippingMethod([method(1), method(2)])).toBeNull();
    expect(defaultShippingMethod([method(1), method(2)], 3)).toBeNull();
  });
});
