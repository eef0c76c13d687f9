import type { DemoState } from '../../electron/picqer-demo/state';

/**
 * What a scan names a demo product by when it must name that product and no other, as the
 * station's index reads codes (barcode and product code, case-insensitive): its barcode, else its
 * product code. Some demo products have no barcode, and a few share one.
 */
export function uniqueScanCodes(state: DemoState): (idproduct: number) => string {
  const owners = new Map<string, Set<number>>();
  for (const p of state.products) {
    for (const code of [p.barcode, p.productcode]) {
      if (!code) continue;
      const key = code.toUpperCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(p.idproduct));
    }
  }
  return (idproduct) => {
    const product = state.findProduct(idproduct);
    const code = [product?.barcode, product?.productcode].find((c) => c && owners.get(c.toUpperCase())?.size === 1);
    if (!code) throw new Error(`product ${idproduct} has no code of its own to scan`);
    return code;
  };
}
