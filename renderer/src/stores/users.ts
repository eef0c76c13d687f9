import { createStore, type StoreApi } from 'zustand/vanilla';
import type { User } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';

/** Picqer's users of this account: the packers a station can be signed in as. */
export interface UsersStore {
  users: User[];
  isLoading: boolean;
  hasLoaded: boolean;
  error: ApiError | null;
  load(): Promise<void>;
}

export function createUsersStore(api: ApiClient): StoreApi<UsersStore> {
  return createStore<UsersStore>()((set) => ({
    users: [],
    isLoading: false,
    hasLoaded: false,
    error: null,

    async load() {
      set({ isLoading: true, error: null });
      try {
        const users = await api.invoke('setup.users', {});
        set({ users, isLoading: false, hasLoaded: true });
      } catch (error) {
        set({ isLoading: false, error: toApiError(error) });
      }
    },
  }));
}

export const selectUsers = (s: UsersStore): User[] => s.users;
export const selectAreUsersLoading = (s: UsersStore): boolean => s.isLoading;
export const selectHaveUsersLoaded = (s: UsersStore): boolean => s.hasLoaded;
export const selectUsersError = (s: UsersStore): ApiError | null => s.error;

/** Active users, by name: who may sign in at a station. */
export function activeUsersByName(users: readonly User[]): User[] {
  return users.filter((u) => u.isActive).sort((a, b) => a.name.localeCompare(b.name));
}
