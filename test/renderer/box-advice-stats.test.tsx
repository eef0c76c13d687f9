import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BoxAdviceStats } from '../../renderer/src/components/BoxAdviceStats';
import { createT } from '../../renderer/src/i18n';

/* Stats: the box advice followed vs overridden per advised packaging (issue 18). */

const rows = [
  { idpackaging: 3, name: 'Doos S', followed: 8, overridden: 2 },
  { idpackaging: 4, name: 'Doos M', followed: 0, overridden: 5 },
];

describe('box advice in Stats', () => {
  it('shows per advised packaging how often it was followed and overridden, in both languages', () => {
    const html = renderToStaticMarkup(<BoxAdviceStats rows={rows} t={createT('en')} />);
    expect(html).toContain('Box advice');
    expect(html).toContain('Advised packaging');
    expect(html).toMatch(/<th[^>]*>Doos S<\/th><td data-figure="followed">8<\/td><td data-figure="overridden">2<\/td>/);
    expect(html).toMatch(/<th[^>]*>Doos M<\/th><td data-figure="followed">0<\/td><td data-figure="overridden">5<\/td>/);
    const nl = renderToStaticMarkup(<BoxAdviceStats rows={rows} t={createT('nl')} />);
    expect(nl).toContain('Doosadvies');
    expect(nl).toContain('Gevolgd');
    expect(nl).toContain('Andere gekozen');
  });

  it('shows nothing when no parcel had advice', () => {
    expect(renderToStaticMarkup(<BoxAdviceStats rows={[]} t={createT('en')} />)).toBe('');
  });
});
