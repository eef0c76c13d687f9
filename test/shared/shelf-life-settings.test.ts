import { describe, expect, it } from 'vitest';
import { packingSettings, settingsUpdate } from '../../shared/settings';

/* The shelf-life rules in the packing settings (issue 18): what the config file and Settings accept. */

const messageOf = (value: unknown) => {
  const parsed = packingSettings.safeParse(value);
  return parsed.success ? null : `${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}`;
};

describe('shelf-life rules in the packing settings', () => {
  it('keeps a config without rules valid, and takes rules for tags and webshops, trimmed', () => {
    expect(packingSettings.parse({ minShelfLifeDays: 30 })).toEqual({ minShelfLifeDays: 30 });
    expect(
      packingSettings.parse({
        minShelfLifeDays: 30,
        shelfLifeRules: [
          { match: 'tag', value: ' Babyvoeding ', days: 90 },
          { match: 'webshop', value: 'PrestaShop', days: 45 },
        ],
      }).shelfLifeRules,
    ).toEqual([
      { match: 'tag', value: 'Babyvoeding', days: 90 },
      { match: 'webshop', value: 'PrestaShop', days: 45 },
    ]);
    expect(settingsUpdate.safeParse({ section: 'packing', value: { shelfLifeRules: [] } }).success).toBe(true);
  });

  it('refuses a rule without a value, days out of range, an unknown kind or the same tag twice, with clear words', () => {
    expect(messageOf({ shelfLifeRules: [{ match: 'tag', value: '  ', days: 90 }] })).toBe('shelfLifeRules.0.value: Name the tag or webshop the rule is for');
    expect(messageOf({ shelfLifeRules: [{ match: 'tag', value: 'Zorg', days: 0 }] })).toBe('shelfLifeRules.0.days: At least 1 day');
    expect(messageOf({ shelfLifeRules: [{ match: 'tag', value: 'Zorg', days: 4000 }] })).toBe('shelfLifeRules.0.days: At most 3650 days');
    expect(messageOf({ shelfLifeRules: [{ match: 'tag', value: 'Zorg', days: 1.5 }] })).toBe('shelfLifeRules.0.days: Whole days');
    expect(messageOf({ shelfLifeRules: [{ match: 'customer', value: 'Zorg', days: 10 }] })).toBe('shelfLifeRules.0.match: A rule is for a tag or for a webshop');
    expect(
      messageOf({
        shelfLifeRules: [
          { match: 'tag', value: 'Zorg', days: 10 },
          { match: 'tag', value: ' zorg', days: 20 },
        ],
      }),
    ).toBe('shelfLifeRules: One shelf-life rule per tag or webshop: one is there twice');
    // A tag and a webshop of the same name are two rules.
    expect(
      messageOf({
        shelfLifeRules: [
          { match: 'tag', value: 'Zorg', days: 10 },
          { match: 'webshop', value: 'Zorg', days: 20 },
        ],
      }),
    ).toBeNull();
  });
});
