import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../shared/contract';
import { parseCommandBarcode, type ProblemReason, type ScanAnswer } from '../../../shared/packing';
import { soundForAnswer } from '../sound/specs';
import type { HistoryStore } from '../stores/history';
import type { ScanStore } from '../stores/scan';
import type { SessionStore } from '../stores/session';
import type { SoundStore } from '../stores/sound';
import type { Dialog, UiStore } from '../stores/ui';
import { createWedgeSettingsStore, localStorageOrNull, type WedgeSettingsStore, type WedgeStorage } from './settings';
import { defaultWedgeOptions, type ScanTerminator, type WedgeEvent } from './wedge';

/*
 * Turns what the wedge detector heard into requests, and every answer into the screen, the
 * dialog and the sound. The one place that knows what a scan means in each situation.
 */

export interface ScanControllerDeps {
  scan: StoreApi<ScanStore>;
  session: StoreApi<SessionStore>;
  ui: StoreApi<UiStore>;
  history: StoreApi<HistoryStore>;
  sound: StoreApi<SoundStore>;
  /** Where the wedge settings are kept; the browser's localStorage unless a test gives its own. */
  wedgeStorage?: WedgeStorage | null;
}

/** A wedge scan as it arrived, for whoever captures scans instead of the pack session. */
export interface CapturedScan {
  code: string;
  /** What the scanner typed, prefix, suffix and AIM identifier included. */
  raw: string;
  terminator: ScanTerminator;
  /** The ms between its keys as they arrived (the self-test measures the scanner by them). */
  keyGaps: readonly number[];
}

export interface ScanController {
  /** The wedge detector's events. */
  onWedge(event: WedgeEvent): void;
  /**
   * A scan from anywhere (the wedge, a test): submitted, answered, shown. `aim` is the AIM
   * identifier the wedge took off the code; main reads GS1 codes by it.
   */
  submit(code: string, multiplier: number | null, aim?: string | null): Promise<ScanAnswer | null>;
  /** Shows and sounds an answer (from scan.submit, pack.open or pack.choose). */
  respond(answer: ScanAnswer): void;
  /** Opens a picklist chosen by click (queue row, chooser). */
  open(idpicklist: number, takeOver?: boolean): Promise<void>;
  choose(idproduct: number): Promise<void>;
  /** A serial number typed for the unit waiting for it; answered in the panel like a scan. */
  giveSerial(serial: string): Promise<boolean>;
  /**
   * The Undo button and a line confirmed by hand: answered in the panel and by sound like a scan,
   * so the panel never keeps saying what the last scan did once it is undone or overtaken.
   */
  undo(): Promise<boolean>;
  confirmLine(input: CommandInput<'pack.confirmLine'>): Promise<boolean>;
  /** Reports a problem; the packer hears that it went, as the picklist leaves the screen. */
  problem(reason: ProblemReason, note?: string): Promise<boolean>;
  /** Opens a batch chosen on the queue, answered like a scanned batch number. */
  openBatch(idpicklistBatch: number): Promise<void>;
  /** Reports a problem for one slot's picklist of the open batch; heard like a picklist's. */
  batchProblem(idpicklist: number, reason: ProblemReason, note?: string): Promise<boolean>;
  /** How to clear the detector's multiplier when a number typed was used to choose instead. */
  attachMultiplierReset(reset: () => void): void;
  /** Where the key gaps of the scan just heard are read from (the wedge detector). */
  attachKeyGaps(read: () => readonly number[]): void;
  /** This station's wedge settings; the binding follows them as they change. */
  readonly settings: StoreApi<WedgeSettingsStore>;
  /**
   * Takes the wedge scans from now on, until the returned release is called: they go to `onScan`
   * instead of to main (the scanner self-test reads what the scanner types). Enter typed by a
   * person is not acted on meanwhile, so nothing is completed behind the capturing screen.
   * The latest capture wins; releasing it gives the scans back to the one before.
   */
  capture(onScan: (scan: CapturedScan) => void): () => void;
}

function isRefused(answer: ScanAnswer): boolean {
  if (answer.kind === 'not_found' || answer.kind === 'blocked') return true;
  return answer.kind === 'product' && answer.outcome !== null && !['counted', 'line_complete', 'all_verified', 'ambiguous'].includes(answer.outcome);
}

/**
 * The choosers take a typed number themselves; a scan made in front of one goes to main like any
 * scan, and main's answer decides (a scanned picklist opens, a scanned product counts).
 */
function isChooser(dialog: Dialog | null): boolean {
  return dialog?.kind === 'choosePicklist' || dialog?.kind === 'chooseProduct';
}

/** A scan that waits for the dialog to close, and whoever waits for its answer. */
interface HeldScan {
  code: string;
  aim: string | null;
  resolve(answer: ScanAnswer | null): void;
}

export function createScanController({ scan, session, ui, history, sound, wedgeStorage }: ScanControllerDeps): ScanController {
  let resetMultiplier: () => void = () => undefined;
  let readKeyGaps: () => readonly number[] = () => [];
  const settings = createWedgeSettingsStore(wedgeStorage === undefined ? localStorageOrNull() : wedgeStorage);
  const captures: Array<(scan: CapturedScan) => void> = [];
  /** Digits typed in a chooser: the number of a choice, kept apart from the scan multiplier. */
  let typedChoice: number | null = null;
  /*
   * Scans made while a dialog that has no use for them is open (Problem, confirm by hand, cancel
   * shipment). Answering them behind the dialog would count units nobody sees; dropping them would
   * lose units the packer believes were counted. So they wait, in order, and are answered when
   * the dialog closes.
   */
  const held: HeldScan[] = [];
  let isFlushing = false;

  function setHeld(): void {
    scan.getState().setHeld(held.map((h) => h.code));
  }

  function forgetDigits(): void {
    typedChoice = null;
    resetMultiplier();
    if (scan.getState().multiplier !== null) scan.getState().setMultiplier(null);
  }

  ui.subscribe((next, previous) => {
    if (next.dialog === previous.dialog) return;
    // A dialog opening or closing ends any number typed before: digits typed in a dialog are its
    // own, and a multiplier typed before it was for a scan that did not come.
    forgetDigits();
    if (next.dialog === null) void flushHeld();
  });

  async function flushHeld(): Promise<void> {
    if (isFlushing) return;
    isFlushing = true;
    try {
      // One at a time: an answer may open a dialog again (a product chooser), and the rest wait for it.
      while (ui.getState().dialog === null) {
        const next = held.shift();
        if (!next) break;
        setHeld();
        next.resolve(await submitNow(next.code, null, next.aim));
      }
    } finally {
      isFlushing = false;
    }
  }

  function respond(answer: ScanAnswer): void {
    scan.getState().setAnswer(answer);
    // Digits typed while a refused scan was on its way may be that scan's lost tail: never a
    // multiplier for the next item.
    if (isRefused(answer)) {
      resetMultiplier();
      scan.getState().setMultiplier(null);
    }
    const name = soundForAnswer(answer);
    if (name) sound.getState().play(name);

    const { dialog } = ui.getState();
    switch (answer.kind) {
      case 'opened':
      case 'batch_opened':
        ui.getState().closeDialog();
        ui.getState().show('pack');
        return;
      case 'choose_picklist':
        ui.getState().openDialog({ kind: 'choosePicklist', code: answer.code, choices: answer.picklistChoices });
        return;
      case 'product':
        if (answer.outcome === 'ambiguous') {
          ui.getState().openDialog({ kind: 'chooseProduct', code: answer.code, choices: answer.productChoices });
        } else if (dialog?.kind === 'chooseProduct' || dialog?.kind === 'choosePicklist') {
          ui.getState().closeDialog();
        }
        return;
      case 'command':
        switch (answer.command) {
          case 'PROBLEM':
            if (session.getState().session) ui.getState().openDialog({ kind: 'problem' });
            else if (session.getState().batch) ui.getState().openDialog({ kind: 'batchProblem' });
            return;
          case 'REPRINT':
            void history.getState().reprintLast();
            return;
          case 'CANCEL':
            // Main already did what CANCEL means (dropped a waiting unit or quantity, else left the
            // picklist or batch) and session.changed shows it; the screen only closes a dialog.
            if (dialog) ui.getState().closeDialog();
            return;
          default:
            // COMPLETE and UNDO are done by main; session.changed already showed what they did.
            if (dialog?.kind === 'chooseProduct' || dialog?.kind === 'choosePicklist') ui.getState().closeDialog();
            return;
        }
      default:
        if (dialog?.kind === 'choosePicklist') ui.getState().closeDialog();
    }
  }

  async function submit(code: string, multiplier: number | null, aim: string | null = null): Promise<ScanAnswer | null> {
    const dialog = ui.getState().dialog;
    if (dialog !== null && !isChooser(dialog) && parseCommandBarcode(code) === 'CANCEL') {
      // CANCEL is meant for the dialog in front, like Escape: held, it would leave the picklist later.
      ui.getState().closeDialog();
      return null;
    }
    if ((dialog !== null && !isChooser(dialog)) || held.length > 0) {
      // Behind earlier held scans too, so a scan made just after the dialog closed keeps its place.
      const answer = new Promise<ScanAnswer | null>((resolve) => held.push({ code, aim, resolve }));
      setHeld();
      if (dialog === null) void flushHeld();
      return answer;
    }
    // Digits typed while a chooser was open were a choice's number, not a multiplier.
    return submitNow(code, dialog === null ? multiplier : null, aim);
  }

  async function submitNow(code: string, multiplier: number | null, aim: string | null): Promise<ScanAnswer | null> {
    const answer = await scan.getState().submit(code, multiplier, aim);
    if (answer) respond(answer);
    else sound.getState().play('unknown');
    return answer;
  }

  function onEnter(): void {
    const { dialog, screen } = ui.getState();
    if (dialog?.kind === 'choosePicklist' || dialog?.kind === 'chooseProduct') {
      // A number typed, then Enter: the choice with that number in the list.
      const index = (typedChoice ?? 0) - 1;
      forgetDigits();
      if (dialog.kind === 'choosePicklist') {
        const choice = dialog.choices[index];
        if (choice) void controller.open(choice.idpicklist);
      } else {
        const choice = dialog.choices[index];
        if (choice) void controller.choose(choice.idproduct);
      }
      return;
    }
    if (dialog) return;
    const state = session.getState();
    if (screen === 'pack' && state.session?.isAllVerified && state.session.state === 'packing' && state.session.alert === null && state.busy === null) {
      void state.complete();
    }
  }

  const controller: ScanController = {
    onWedge(event) {
      const capturing = captures.at(-1);
      switch (event.type) {
        case 'scan':
          if (capturing) {
            capturing({ code: event.code, raw: event.raw ?? event.code, terminator: event.terminator, keyGaps: readKeyGaps() });
          } else {
            void submit(event.code, event.multiplier, event.aim ?? null);
          }
          return;
        case 'multiplier':
          if (capturing) {
            // The capturing screen reads scans, not numbers: nothing to multiply behind it.
            if (event.value !== null) resetMultiplier();
          } else if (isChooser(ui.getState().dialog)) {
            typedChoice = event.value;
          } else if (ui.getState().dialog) {
            // Digits typed with a dialog open are the dialog's, never a multiplier behind it.
            if (event.value !== null) resetMultiplier();
          } else {
            scan.getState().setMultiplier(event.value, Date.now() + defaultWedgeOptions.multiplierTimeoutMs);
          }
          return;
        case 'enter':
          if (!capturing) onEnter();
          return;
        case 'escape':
          if (ui.getState().dialog) ui.getState().closeDialog();
          return;
      }
    },
    submit,
    respond,
    async open(idpicklist, takeOver) {
      const answer = await session.getState().open(idpicklist, takeOver);
      if (answer) respond(answer);
    },
    async choose(idproduct) {
      const answer = await session.getState().choose(idproduct);
      if (answer) respond(answer);
      else ui.getState().closeDialog();
    },
    async giveSerial(serial) {
      const answer = await session.getState().giveSerial(serial);
      if (answer) respond(answer);
      return answer !== null;
    },
    async undo() {
      const answer = await session.getState().undo();
      if (answer) respond(answer);
      return answer !== null;
    },
    async confirmLine(input) {
      const answer = await session.getState().confirmLine(input);
      if (answer) respond(answer);
      return answer !== null;
    },
    async problem(reason, note) {
      const isReported = await session.getState().problem(reason, note);
      if (isReported) sound.getState().play('problem');
      return isReported;
    },
    async openBatch(idpicklistBatch) {
      const answer = await session.getState().openBatch(idpicklistBatch);
      if (answer) respond(answer);
    },
    async batchProblem(idpicklist, reason, note) {
      const isReported = await session.getState().batchProblem(idpicklist, reason, note);
      if (isReported) sound.getState().play('problem');
      return isReported;
    },
    attachMultiplierReset(reset) {
      resetMultiplier = reset;
    },
    attachKeyGaps(read) {
      readKeyGaps = read;
    },
    settings,
    capture(onScan) {
      captures.push(onScan);
      return () => {
        const index = captures.lastIndexOf(onScan);
        if (index !== -1) captures.splice(index, 1);
      };
    },
  };
  return controller;
}
