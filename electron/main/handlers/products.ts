import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { getProductSummary, searchProducts } from '../db/queries/products';
import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* Products in the cache: a search, and a label printed for one. */
export function productHandlers({ life }: Pick<StationContext, 'life'>) {
  return {
    'products.search': ({ query }) => searchProducts(life.db(), query),
    'products.printLabel': async ({ idproduct, copies }) => {
      const running = requireRuntime(life.runtime());
      const live = life.connected();
      const product = live ? getProductSummary(live.db, idproduct) : null;
      if (!product) throw new AppError('NOT_FOUND', reason('station.productNotCached'));
      return running.printing.printProductLabel(product, copies);
    },
  } satisfies HandlersOf<'products'>;
}
