import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ShelfLifeRules, rowsOfRules, rulesOfRows, type ShelfLifeProblem, type ShelfLifeRow } from '../../renderer/src/components/ShelfLifeRules';
import { createT } from '../../renderer/src/i18n';

/*
 * Shelf-life rules in Settings (issue 18): each rule a tag (from the cache's tags or typed) or a
 * webshop (from the cache's) with its days; what cannot be saved is said in the packer's language
 * before it goes to main.
 */

const choices = { tags: ['Babyvoeding', 'Zorg'], webshops: ['PrestaShop', 'WooCommerce'] };

const render = (rows: ShelfLifeRow[], language: 'en' | 'nl' = 'en', problem: ShelfLifeProblem | null = null) =>
  renderToStaticMarkup(<ShelfLifeRules rows={rows} choices={choices} problem={problem} t={createT(language)} onChange={() => undefined} />);

describe('shelf-life rules in Settings', () => {
  it('lists each rule with its tag from the cache’s tags or its webshop to choose, and its days', () => {
    const html = render(rowsOfRules([
      { match: 'tag', value: 'Babyvoeding', days: 90 },
      { match: 'webshop', value: 'PrestaShop', days: 60 },
    ]));
    expect(html).toContain('Minimum shelf life per tag or webshop');
    expect(html).toMatch(/<datalist id="shelf-life-tags"><option value="Babyvoeding"><\/option><option value="Zorg"><\/option><\/datalist>/);
    expect(html).toMatch(/list="shelf-life-tags" aria-label="Tag of rule 1"[^>]*value="Babyvoeding"/);
    expect(html).toMatch(/<select[^>]*aria-label="Webshop of rule 2"[^>]*>.*<option value="PrestaShop" selected="">PrestaShop<\/option><option value="WooCommerce">WooCommerce<\/option><\/select>/);
    expect(html).toMatch(/aria-label="Days of rule 2"[^>]*value="60"/);
    expect(html).toContain('Remove rule 2');
    expect(render([], 'nl')).toContain('Geen regels: het minimum hierboven geldt voor elk artikel.');
  });

  it('keeps a saved webshop the cache no longer knows as a choice', () => {
    expect(render([{ match: 'webshop', value: 'Shopify', days: '30' }])).toContain('<option value="Shopify" selected="">Shopify</option>');
  });

  it('turns the rows into rules, trimmed, or says which row cannot be saved and why, in both languages', () => {
    expect(rulesOfRows([{ match: 'tag', value: ' Zorg ', days: '60' }])).toEqual({ rules: [{ match: 'tag', value: 'Zorg', days: 60 }] });
    expect(rulesOfRows([])).toEqual({ rules: [] });
    const problemOf = (rows: ShelfLifeRow[]) => {
      const result = rulesOfRows(rows);
      if (!('problem' in result)) throw new Error('expected a problem');
      return result.problem;
    };
    const empty = problemOf([{ match: 'webshop', value: '', days: '30' }]);
    expect(render([], 'en', empty)).toContain('Rule 1: choose or type the tag or webshop it is for.');
    const days = problemOf([{ match: 'tag', value: 'Zorg', days: '30' }, { match: 'tag', value: 'Baby', days: '1,5' }]);
    expect(render([], 'en', days)).toContain('Rule 2: enter whole days from 1 to 3650.');
    expect(render([], 'nl', days)).toContain('Regel 2: vul hele dagen in, van 1 tot 3650.');
    expect(problemOf([{ match: 'tag', value: 'Zorg', days: '0' }])).toMatchObject({ key: 'shelfLife.problem.days' });
    const twice = problemOf([{ match: 'tag', value: 'Zorg', days: '30' }, { match: 'tag', value: 'zorg ', days: '60' }]);
    expect(render([], 'en', twice)).toContain('Rule 2 is for the same tag as an earlier rule: keep one of them.');
    expect(render([], 'nl', twice)).toContain('Regel 2 geldt voor dezelfde tag als een eerdere regel: houd er één van over.');
    expect(rulesOfRows([{ match: 'tag', value: 'Zorg', days: '30' }, { match: 'webshop', value: 'Zorg', days: '60' }])).toMatchObject({ rules: [{}, {}] });
  });
});
