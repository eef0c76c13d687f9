import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScanAnswer } from '../../../shared/packing';

export type Screen = 'queue' | 'pack' | 'history' | 'stats' | 'devices' | 'settings';
export type PicklistChoice = ScanAnswer['picklistChoices'][number];
export type ProductChoice = ScanAnswer['productChoices'][number];

/** The one dialog that can be open; scans and Escape reach it through the scan controller. */
export type Dialog =
  | { kind: 'choosePicklist'; code: string; choices: PicklistChoice[] }
  | { kind: 'chooseProduct'; code: string; choices: ProductChoice[] }
  | { kind: 'problem' }
  /** A problem with one picklist of the open batch: the packer chooses its slot, then the reason. */
  | { kind: 'batchProblem' }
  | { kind: 'confirmLine'; idpicklist_product: number }
  | { kind: 'cancelShipment'; idpicklist: number; picklistid: string }
  /** A shift lead's PIN or badge, before an action only a lead may take (stores/lead.ts). */
  | { kind: 'leadUnlock' };

export interface UiStore {
  screen: Screen;
  dialog: Dialog | null;
  show(screen: Screen): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
}

export function createUiStore(): StoreApi<UiStore> {
  return createStore<UiStore>()((set) => ({
    screen: 'queue',
    dialog: null,
    show(screen) {
      set({ screen });
    },
    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: null });
    },
  }));
}

export const selectScreen = (s: UiStore): Screen => s.screen;
export const selectDialog = (s: UiStore): Dialog | null => s.dialog;
export const selectDialogKind = (s: UiStore): Dialog['kind'] | null => s.dialog?.kind ?? null;
