import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BoxAdvicePanel } from '../../renderer/src/components/BoxAdvicePanel';
import { createT } from '../../renderer/src/i18n';
import type { Language } from '../../shared/domain';
import type { BoxAdvice, ShippingChoice } from '../../shared/packing';
import { sessionFixture } from './fake-api';

/* The box advice on the pack screen (issue 18): the packaging big, with its barcode to scan. */

const advice: BoxAdvice = { idpackaging: 3, name: 'Doos S', barcode: 'DOOS-S', isLearned: false, boxes: [{ idpackaging: 3, name: 'Doos S', barcode: 'DOOS-S' }] };
const doosL = { idpackaging: 5, name: 'Doos L', barcode: 'DOOS-L' };
const twoBoxes: BoxAdvice = { ...doosL, isLearned: false, boxes: [doosL, { idpackaging: 3, name: 'Doos S', barcode: 'DOOS-S' }] };
const box = (n: number, packaging: { idpackaging: number; name: string } | null) => ({ box: n, packaging, weight: null, isWeightManual: false });

function render(over: Partial<ShippingChoice>, language: Language = 'en'): string {
  const shipping = { ...sessionFixture().shipping, ...over };
  return renderToStaticMarkup(<BoxAdvicePanel shipping={shipping} t={createT(language)} />);
}

describe('the box advice on the pack screen', () => {
  it('shows the advised packaging with its barcode to scan, in both languages', () => {
    const html = render({ advice });
    expect(html).toContain('data-testid="box-advice"');
    expect(html).toContain('Doos S');
    expect(html).toContain('DOOS-S');
    expect(html).toContain('Scan its barcode to take it, or another packaging.');
    expect(render({ advice }, 'nl')).toContain('Scan de barcode om hem te nemen, of een andere verpakking.');
    expect(html).not.toContain('what packers chose');
  });

  it('says when the advice comes from what packers chose', () => {
    expect(render({ advice: { ...advice, isLearned: true } })).toContain('Advised from what packers chose for these products');
    expect(render({ advice: { ...advice, isLearned: true } }, 'nl')).toContain('Advies uit wat inpakkers voor deze producten kozen');
  });

  it('shows the advice followed, or the other packaging chosen, once a packaging is scanned', () => {
    expect(render({ advice, packaging: { idpackaging: 3, name: 'Doos S' } })).toContain('Advice followed');
    const other = render({ advice, packaging: { idpackaging: 5, name: 'Doos L' } });
    expect(other).toContain('Other packaging chosen: Doos L');
    expect(render({ advice, packaging: { idpackaging: 5, name: 'Doos L' } }, 'nl')).toContain('Andere verpakking gekozen: Doos L');
  });

  it('names the boxes when the products take two, and advises the current box', () => {
    const first = render({ advice: twoBoxes, boxes: [box(1, null)], currentBox: 1 });
    expect(first).toContain('Box advice, box 1 of 2');
    expect(first).toContain('DOOS-L');
    expect(first).toContain('Does not fit one box: 2 boxes, Doos L and Doos S.');
    const second = render({ advice: twoBoxes, packaging: { idpackaging: 5, name: 'Doos L' }, boxes: [box(1, { idpackaging: 5, name: 'Doos L' }), box(2, null)], currentBox: 2 });
    expect(second).toContain('Box advice, box 2 of 2');
    expect(second).toContain('DOOS-S');
    expect(second).toContain('Scan its barcode to take it, or another packaging.');
    const done = render({ advice: twoBoxes, boxes: [box(1, { idpackaging: 5, name: 'Doos L' }), box(2, { idpackaging: 3, name: 'Doos S' })], currentBox: 2 });
    expect(done).toContain('Advice followed');
    const nl = render({ advice: twoBoxes, boxes: [box(1, null)], currentBox: 1 }, 'nl');
    expect(nl).toContain('Doosadvies, doos 1 van 2');
    expect(nl).toContain('Past niet in één doos: 2 dozen, Doos L en Doos S.');
  });

  it('says a box beyond the advised ones has no advice of its own', () => {
    const third = render({ advice: twoBoxes, boxes: [box(1, null), box(2, null), box(3, null)], currentBox: 3 });
    expect(third).toContain('Box advice was for 2 boxes: Doos L and Doos S.');
    const second = render({ advice, boxes: [box(1, null), box(2, null)], currentBox: 2 }, 'nl');
    expect(second).toContain('Doosadvies was voor één doos: Doos S.');
  });

  it('shows nothing without advice', () => {
    expect(render({ advice: null })).toBe('');
  });
});
