import type { Person, User, Warehouse } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { isPicqerError } from '../picqer/errors';
import type { PicqerApi, PicqerUser, PicqerWarehouse } from '../picqer/types';
import type { BackendConnection } from './backend';

/* What the station asks Picqer about people and warehouses, in the shapes the screens use. */

export function personName(user: Pick<PicqerUser, 'firstname' | 'lastname' | 'username'>): string {
  const full = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
  return full || user.username;
}

export function toUser(user: PicqerUser): User {
  return { iduser: user.iduser, name: personName(user), username: user.username, language: user.language, isActive: user.active };
}

export function toWarehouse(warehouse: PicqerWarehouse): Warehouse {
  return { idwarehouse: warehouse.idwarehouse, name: warehouse.name, isActive: warehouse.active };
}

/**
 * Who the API key belongs to, for "Connected as ...". Picqer's docs do not promise that
 * /users/me answers for an API key (a key is no user in Picqer), so when it does not, the
 * warehouses decide whether the key works and the account's host names the connection.
 */
export async function keyOwner(api: PicqerApi, baseUrl: string): Promise<{ iduser: number; name: string }> {
  try {
    const me = await api.getMe({ priority: 'interactive' });
    return { iduser: me.iduser, name: personName(me) };
  } catch (error) {
    const status = isPicqerError(error) ? error.httpStatus : null;
    if (status === null || status < 400 || status >= 500 || status === 429) throw error;
    // A bad key fails here too, and the caller's UNAUTHENTICATED message says so.
    await api.listWarehouses({ priority: 'interactive' });
    return { iduser: 0, name: new URL(baseUrl).host };
  }
}

export async function findWarehouse(backend: BackendConnection, idwarehouse: number): Promise<Warehouse> {
  const all = await backend.api.listWarehouses({ priority: 'interactive' });
  const found = all.find((w) => w.idwarehouse === idwarehouse);
  if (!found) throw new AppError('VALIDATION', reason('station.warehouseNotFound', { idwarehouse }));
  return toWarehouse(found);
}

export async function findUser(backend: BackendConnection, iduser: number): Promise<Person> {
  const users = await backend.api.listUsers({ priority: 'interactive' });
  const found = users.find((u) => u.iduser === iduser);
  if (!found) throw new AppError('NOT_FOUND', reason('station.userNotFound', { iduser }));
  return { iduser: found.iduser, name: personName(found) };
}
