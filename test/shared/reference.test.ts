import { describe, expect, it } from 'vitest';
import { parseReference, webshopForReference, webshopLabel } from '../../shared/reference';

describe('parseReference', () => {
  it('reads the PrestaShop module form', () => {
    expect(parseReference('PS #73 / ITQRFWVHT')).toEqual({ prefix: 'PS', shopOrderId: '73', shopReference: 'ITQRFWVHT' });
  });

  it.each(['PS#73/ITQRFWVHT', '  PS  #  73  /  ITQRFWVHT ', 'ps #73 / ITQRFWVHT', 'PS #73/ ITQRFWVHT'])('tolerates spacing and case: %j', (ref) => {
    expect(parseReference(ref)).toEqual({ prefix: 'PS', shopOrderId: '73', shopReference: 'ITQRFWVHT' });
  });

  it('takes one to three letter prefixes', () => {
    expect(parseReference('W #1 / A')?.prefix).toBe('W');
    expect(parseReference('BOL #99 / X-1')).toEqual({ prefix: 'BOL', shopOrderId: '99', shopReference: 'X-1' });
    expect(parseReference('ABCD #1 / X')?.prefix).toBeNull();
  });

  it('reads a prefixed reference without a shop reference', () => {
    expect(parseReference('WC #1042')).toEqual({ prefix: 'WC', shopOrderId: '1042', shopReference: null });
  });

  it('returns a plain reference as its own shop reference with a null prefix', () => {
    expect(parseReference('ITQRFWVHT')).toEqual({ prefix: null, shopOrderId: null, shopReference: 'ITQRFWVHT' });
    expect(parseReference('Order 12 / 3')).toEqual({ prefix: null, shopOrderId: null, shopReference: 'Order 12 / 3' });
    expect(parseReference('#73')?.prefix).toBeNull();
  });

  it('returns null for no reference', () => {
    expect(parseReference(null)).toBeNull();
    expect(parseReference(undefined)).toBeNull();
    expect(parseReference('   ')).toBeNull();
  });
});

describe('webshop labels', () => {
  it('names known prefixes and shows others as they are', () => {
    expect(webshopLabel('PS')).toBe('PrestaShop');
    expect(webshopLabel('ps')).toBe('PrestaShop');
    expect(webshopLabel('XY')).toBe('XY');
    expect(webshopLabel(null)).toBeNull();
    expect(webshopForReference('PS #73 / ITQRFWVHT')).toBe('PrestaShop');
    expect(webshopForReference('ITQRFWVHT')).toBeNull();
  });
});
