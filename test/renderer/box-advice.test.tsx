import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BoxAdvicePanel } from '../../renderer/src/components/BoxAdvicePanel';
import { createT } from '../../renderer/src/i18n';
import type { Language } from '../../shared/domain';
import type { BoxAdvice, ShippingChoice } from '../../shared/packing';
import { sessionFixture } from './fake-api';

/* The box advice on the pack screen (issue 18): the packaging big, with its barcode to scan. */

const advice: BoxAdvice = { idpackaging: 3, name: 'Doos S', barcode: 'DOOS-S', isLearned: false };

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

  it('shows nothing without advice', () => {
    expect(render({ advice: null })).toBe('');
  });
});
