import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ShippingPanel } from '../../renderer/src/components/ShippingPanel';
import { ParcelRow } from '../../renderer/src/components/ParcelRow';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import { createT } from '../../renderer/src/i18n';
import type { Language } from '../../shared/domain';
import type { ShippingChoice } from '../../shared/packing';
import { createFakeApi, parcelFixture, sessionFixture } from './fake-api';

/* The boxes of a parcel on the pack screen and in History, rendered to markup (no DOM here). */

const box = (n: number, over: Partial<ShippingChoice['boxes'][number]> = {}): ShippingChoice['boxes'][number] => ({
  box: n,
  packaging: null,
  weight: null,
  isWeightManual: false,
  ...over,
});

function shippingOf(boxes: ShippingChoice['boxes']): ShippingChoice {
  const first = boxes[0] ?? box(1);
  return { ...sessionFixture().shipping, packaging: first.packaging, weight: first.weight, isWeightManual: first.isWeightManual, boxes, currentBox: boxes.length };
}

function render(element: React.ReactElement): string {
  const stores = createStores(createFakeApi());
  return renderToStaticMarkup(<StoresContext value={stores}>{element}</StoresContext>);
}

function panel(shipping: ShippingChoice, language: Language = 'en'): string {
  return render(<ShippingPanel shipping={shipping} t={createT(language)} disabled={false} />);
}

describe('the shipping panel with boxes', () => {
  it('one box: the packaging and weight as always, and a New box button', () => {
    const html = panel(shippingOf([box(1, { weight: 1200 })]));
    expect(html).toContain('id="shipping-weight"');
    expect(html).not.toContain('shipping__box');
    expect(html).toMatch(/<button[^>]*>New box<\/button>/);
    expect(html).not.toContain('Remove box');
  });

  it('several boxes: each with its own fields, the current one marked, Remove box only on an empty last box', () => {
    const html = panel(
      shippingOf([
        box(1, { packaging: { idpackaging: 3, name: 'Doos S' }, weight: 900, isWeightManual: true }),
        box(2, { packaging: { idpackaging: 5, name: 'Doos L' }, weight: 2400, isWeightManual: true }),
        box(3),
      ]),
    );
    for (const n of [1, 2, 3]) expect(html).toContain(`id="shipping-weight-${n}"`);
    expect(html).toContain('Box 2 of 3');
    expect(html).toMatch(/shipping__box--current" aria-current="step"><h3[^>]*>Box 3 of 3/);
    expect(html.match(/Remove box/g)).toHaveLength(1);
    expect(html).toContain('No weight given for this box');
    const filled = panel(shippingOf([box(1), box(2, { weight: 500, isWeightManual: true })]));
    expect(filled).not.toContain('Remove box');
    // Box 1 without a weight of its own has none: the products' weight is the whole parcel's.
    expect(filled).not.toContain('Computed from the products');
    expect(filled.match(/No weight given for this box/g)).toHaveLength(1);
  });

  it('speaks Dutch on a Dutch station', () => {
    const html = panel(shippingOf([box(1), box(2)]), 'nl');
    expect(html).toContain('Doos 2 van 2');
    expect(html).toMatch(/<button[^>]*>Nieuwe doos<\/button>/);
    expect(html).toContain('Doos verwijderen');
  });
});

describe('a parcel of several boxes in History', () => {
  const row = (boxes: Array<{ box: number; trackingCode: string | null; idshipment: number | null }>) =>
    render(
      <table>
        <tbody>
          <ParcelRow parcel={parcelFixture(12, { boxes })} t={createT('en')} language="en" now={0} busy={null} onCancel={() => undefined} onReprint={() => undefined} onView={() => undefined} onLots={() => undefined} />
        </tbody>
      </table>,
    );

  it('lists every box with its tracking code, and its shipment when each box was shipped alone', () => {
    const one = row([
      { box: 1, trackingCode: '3SA', idshipment: 77 },
      { box: 2, trackingCode: '3SB', idshipment: 77 },
    ]);
    expect(one).toContain('Box 1 of 2: 3SA');
    expect(one).toContain('Box 2 of 2: 3SB');
    expect(one).not.toContain('shipment 77');
    const apart = row([
      { box: 1, trackingCode: '3SA', idshipment: 77 },
      { box: 2, trackingCode: '3SB', idshipment: 78 },
    ]);
    expect(apart).toContain('(shipment 78)');
  });
});
