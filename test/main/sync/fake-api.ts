import { AppError } from '../../../shared/errors';
import type {
  OrderFilter,
  Page,
  PicklistFilter,
  PicqerOrder,
  PicqerPackaging,
  PicqerPickingContainer,
  PicqerPicklist,
  PicqerProduct,
  PicqerShippingProvider,
  PicqerTag,
  PicqerTemplate,
  PicqerUser,
  PicqerWarehouse,
  ProductFilter,
} from '../../../electron/main/picqer/types';
import type { PullApi } from '../../../electron/main/sync/pull-steps';

type Method = keyof PullApi;

interface Failure {
  method: Method;
  error: Error;
  when: (offset: number) => boolean;
  times: number;
}

/**
 * An in-memory Picqer behind the PicqerApi port: filters, 100-item pages, call counts, injected
 * failures and records set aside as rejected, the way the real client reports them.
 */
export class FakePicqer implements PullApi {
  warehouses: PicqerWarehouse[] = [];
  users: PicqerUser[] = [];
  shippingProviders: PicqerShippingProvider[] = [];
  packagings: PicqerPackaging[] = [];
  tags: PicqerTag[] = [];
  templates: PicqerTemplate[] = [];
  products: PicqerProduct[] = [];
  picklists: PicqerPicklist[] = [];
  orders: PicqerOrder[] = [];
  containers: PicqerPickingContainer[] = [];
  /** Ids returned as `rejected` instead of as items. */
  rejectedIds = new Set<number>();

  readonly calls: Array<{ method: Method; offset?: number; filter?: object }> = [];
  private failures: Failure[] = [];

  count(method?: Method): number {
    return method ? this.calls.filter((c) => c.method === method).length : this.calls.length;
  }

  offsets(method: Method): number[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.offset ?? 0);
  }

  /** The next `times` calls of `method` (whose page offset passes `when`) throw `error`. */
  fail(method: Method, error: Error, options: { when?: (offset: number) => boolean; times?: number } = {}): void {
    this.failures.push({ method, error, when: options.when ?? (() => true), times: options.times ?? 1 });
  }

  clearFailures(): void {
    this.failures = [];
  }

  private call(method: Method, offset?: number, filter?: object): void {
    this.calls.push({ method, offset, filter });
    const failure = this.failures.find((f) => f.method === method && f.when(offset ?? 0) && f.times > 0);
    if (failure) {
      failure.times--;
      throw failure.error;
    }
  }

  private async *pages<T>(method: Method, all: T[], idOf: (item: T) => number, offset: number, filter: object): AsyncIterable<Page<T>> {
    for (let at = offset; ; at += 100) {
      await Promise.resolve();
      this.call(method, at, filter);
      const slice = all.slice(at, at + 100);
      const page: Page<T> = {
        items: slice.filter((item) => !this.rejectedIds.has(idOf(item))),
        rejected: slice.flatMap((item, index) =>
          this.rejectedIds.has(idOf(item)) ? [{ index, id: idOf(item), reason: 'status: expected one of new|closed' }] : [],
        ),
        isLast: slice.length < 100,
        offset: at,
      };
      yield page;
      if (page.isLast) return;
    }
  }

  private async list<T>(method: Method, items: T[]): Promise<T[]> {
    await Promise.resolve();
    this.call(method);
    return structuredClone(items);
  }

  getMe = async () => {
    const me = this.users[0];
    await Promise.resolve();
    this.call('getMe');
    if (!me) throw new AppError('NOT_FOUND', 'no user');
    return me;
  };
  listWarehouses = () => this.list('listWarehouses', this.warehouses);
  listUsers = () => this.list('listUsers', this.users);
  listShippingProviders = () => this.list('listShippingProviders', this.shippingProviders);
  listPackagings = () => this.list('listPackagings', this.packagings);
  listTags = () => this.list('listTags', this.tags);
  listTemplates = () => this.list('listTemplates', this.templates);
  listPickingContainers = () => this.list('listPickingContainers', this.containers);

  productPages(filter: ProductFilter = {}, options: { offset?: number } = {}): AsyncIterable<Page<PicqerProduct>> {
    const after = filter.updated_after;
    const all = this.products
      .filter((p) => after === undefined || (p.updated !== null && p.updated > after))
      .sort((a, b) => a.idproduct - b.idproduct);
    return this.pages('productPages', structuredClone(all), (p) => p.idproduct, options.offset ?? 0, filter);
  }

  picklistPages(filter: PicklistFilter = {}, options: { offset?: number } = {}): AsyncIterable<Page<PicqerPicklist>> {
    const all = this.picklists
      .filter(
        (p) =>
          (filter.status === undefined || p.status === filter.status) &&
          (filter.idwarehouse === undefined || p.idwarehouse === filter.idwarehouse) &&
          (filter.sinceid === undefined || p.idpicklist > filter.sinceid) &&
          (filter.picklistid === undefined || p.picklistid === filter.picklistid),
      )
      .sort((a, b) => a.idpicklist - b.idpicklist);
    return this.pages('picklistPages', structuredClone(all), (p) => p.idpicklist, options.offset ?? 0, filter);
  }

  private warehousesOfOrder(idorder: number): number[] {
    return this.picklists.filter((p) => p.idorder === idorder).map((p) => p.idwarehouse);
  }

  orderPages(filter: OrderFilter = {}, options: { offset?: number } = {}): AsyncIterable<Page<PicqerOrder>> {
    const all = this.orders
      .filter(
        (o) =>
          (filter.status === undefined || o.status === filter.status) &&
          (filter.idwarehouse === undefined || this.warehousesOfOrder(o.idorder).includes(filter.idwarehouse)) &&
          (filter.sinceid === undefined || o.idorder > filter.sinceid),
      )
      .sort((a, b) => a.idorder - b.idorder);
    return this.pages('orderPages', structuredClone(all), (o) => o.idorder, options.offset ?? 0, filter);
  }

  async listOrders(filter: OrderFilter): Promise<PicqerOrder[]> {
    await Promise.resolve();
    this.call('listOrders', 0, filter);
    return structuredClone(this.orders.filter((o) => filter.orderid === undefined || o.orderid === filter.orderid));
  }

  async getPicklist(idpicklist: number): Promise<PicqerPicklist> {
    await Promise.resolve();
    this.call('getPicklist');
    const found = this.picklists.find((p) => p.idpicklist === idpicklist);
    if (!found) throw new AppError('NOT_FOUND', `picklist ${idpicklist} not found`);
    return structuredClone(found);
  }

  async getOrder(idorder: number): Promise<PicqerOrder> {
    await Promise.resolve();
    this.call('getOrder');
    const found = this.orders.find((o) => o.idorder === idorder);
    if (!found) throw new AppError('NOT_FOUND', `order ${idorder} not found`);
    return structuredClone(found);
  }
}

export const offline = () => new AppError('OFFLINE', 'Picqer cannot be reached');
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Picqer refused the API key');
