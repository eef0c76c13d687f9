import type { CommandAck } from '../../../shared/packing';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../shared/contract';
import type { LeadState } from '../../../shared/domain';
import { toApiError, type ApiClient, type ApiError } from '../api';
import type { AppStore } from './app';
import type { UiStore } from './ui';

/*
 * The screen's side of shift-lead actions. Main decides (it answers FORBIDDEN while locked); this
 * store only asks for the PIN or a lead's badge first, so the packer is not sent into an action
 * that is refused at the end, and then does what was asked.
 */

export type LeadNotice = 'pinSaved' | 'pinRemoved' | 'leadsSaved';

export interface LeadStore {
  isBusy: boolean;
  error: ApiError | null;
  notice: LeadNotice | null;
  /** What the packer asked for before the unlock; done once a lead unlocked. */
  pending: (() => void) | null;
  /** Runs `action` now when the station needs no lead or is unlocked; otherwise asks first. */
  ask(action: () => void): void;
  unlock(input: CommandInput<'lead.unlock'>): Promise<boolean>;
  lock(): Promise<void>;
  configure(input: CommandInput<'lead.configure'>, notice: LeadNotice): Promise<boolean>;
  /** The dialog was closed without an unlock: the action is dropped. */
  dismiss(): void;
}

export function needsLead(lead: LeadState | undefined): boolean {
  return Boolean(lead?.isProtected && !lead.isUnlocked);
}

export function createLeadStore(api: ApiClient, app: StoreApi<AppStore>, ui: StoreApi<UiStore>): StoreApi<LeadStore> {
  const apply = (ack: CommandAck) => app.getState().catchUp(ack.revision);
  return createStore<LeadStore>()((set, get) => ({
    isBusy: false,
    error: null,
    notice: null,
    pending: null,

    ask(action) {
      if (!needsLead(app.getState().appState?.lead)) {
        action();
        return;
      }
      set({ pending: action, error: null });
      ui.getState().openDialog({ kind: 'leadUnlock' });
    },

    async unlock(input) {
      set({ isBusy: true, error: null });
      try {
        await apply(await api.invoke('lead.unlock', input));
        const action = get().pending;
        set({ isBusy: false, pending: null });
        if (ui.getState().dialog?.kind === 'leadUnlock') ui.getState().closeDialog();
        action?.();
        return true;
      } catch (error) {
        set({ isBusy: false, error: toApiError(error) });
        return false;
      }
    },

    async lock() {
      try {
        await apply(await api.invoke('lead.lock', {}));
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },

    async configure(input, notice) {
      set({ isBusy: true, error: null, notice: null });
      try {
        await apply(await api.invoke('lead.configure', input));
        set({ isBusy: false, notice });
        return true;
      } catch (error) {
        set({ isBusy: false, error: toApiError(error) });
        return false;
      }
    },

    dismiss() {
      set({ pending: null, error: null });
    },
  }));
}

export const selectLeadBusy = (s: LeadStore): boolean => s.isBusy;
export const selectLeadError = (s: LeadStore): ApiError | null => s.error;
export const selectLeadNotice = (s: LeadStore): LeadNotice | null => s.notice;
