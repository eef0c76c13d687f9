import { isRefusedSerial, type ScanAnswer, type ScanOutcome } from '../../../shared/packing';

/*
 * What each answer sounds like. A packer hears the answer before looking up, so every outcome has
 * its own shape, not just its own pitch: good news is short and rises, refusals are low, long or
 * repeated. Pure data, so the mapping is tested without an AudioContext.
 */

export const soundNames = [
  'counted',
  'line_complete',
  'all_verified',
  'wrong_item',
  'too_many',
  'unknown',
  'partial',
  'ambiguous',
  'blocked',
  'opened',
  'undone',
  'problem',
  'set_scanned',
  'weight_off',
  'short_dated',
  'serial_needed',
] as const;
export type SoundName = (typeof soundNames)[number];

export interface Tone {
  /** Hz */
  frequency: number;
  /** ms from the start of the sound */
  startMs: number;
  durationMs: number;
  wave: 'sine' | 'square' | 'triangle' | 'sawtooth';
  /** 0..1, before the master volume */
  gain: number;
}

export const soundSpecs: Record<SoundName, readonly Tone[]> = {
  // One short high beep: the sound heard hundreds of times an hour, so the least tiring.
  counted: [{ frequency: 1320, startMs: 0, durationMs: 70, wave: 'sine', gain: 0.5 }],
  line_complete: [
    { frequency: 1320, startMs: 0, durationMs: 60, wave: 'sine', gain: 0.5 },
    { frequency: 1760, startMs: 75, durationMs: 90, wave: 'sine', gain: 0.5 },
  ],
  // A rising three-note chime: the box is complete.
  all_verified: [
    { frequency: 1047, startMs: 0, durationMs: 90, wave: 'sine', gain: 0.55 },
    { frequency: 1319, startMs: 100, durationMs: 90, wave: 'sine', gain: 0.55 },
    { frequency: 1568, startMs: 200, durationMs: 220, wave: 'sine', gain: 0.55 },
  ],
  // Two low buzzes: stop, that is not for this box.
  wrong_item: [
    { frequency: 196, startMs: 0, durationMs: 170, wave: 'square', gain: 0.35 },
    { frequency: 196, startMs: 230, durationMs: 170, wave: 'square', gain: 0.35 },
  ],
  // Falling: one too many.
  too_many: [
    { frequency: 523, startMs: 0, durationMs: 130, wave: 'sawtooth', gain: 0.3 },
    { frequency: 349, startMs: 140, durationMs: 200, wave: 'sawtooth', gain: 0.3 },
  ],
  // A neutral double blip: the scan was read but means nothing here.
  unknown: [
    { frequency: 740, startMs: 0, durationMs: 70, wave: 'triangle', gain: 0.5 },
    { frequency: 740, startMs: 120, durationMs: 70, wave: 'triangle', gain: 0.5 },
  ],
  // Three quick falling blips, unlike any count: the scan was cut short or misread, scan again.
  partial: [
    { frequency: 988, startMs: 0, durationMs: 50, wave: 'triangle', gain: 0.5 },
    { frequency: 880, startMs: 80, durationMs: 50, wave: 'triangle', gain: 0.5 },
    { frequency: 784, startMs: 160, durationMs: 50, wave: 'triangle', gain: 0.5 },
  ],
  // Rising like a question: choose.
  ambiguous: [
    { frequency: 587, startMs: 0, durationMs: 110, wave: 'triangle', gain: 0.5 },
    { frequency: 880, startMs: 130, durationMs: 160, wave: 'triangle', gain: 0.5 },
  ],
  // One long low tone: this picklist cannot be packed.
  blocked: [{ frequency: 147, startMs: 0, durationMs: 550, wave: 'square', gain: 0.35 }],
  // A soft rising pair, lower than any count: a picklist is on the screen, start scanning.
  opened: [
    { frequency: 660, startMs: 0, durationMs: 80, wave: 'sine', gain: 0.45 },
    { frequency: 990, startMs: 100, durationMs: 120, wave: 'sine', gain: 0.45 },
  ],
  // The count beep played backwards, falling: a scan taken back.
  undone: [
    { frequency: 1320, startMs: 0, durationMs: 60, wave: 'sine', gain: 0.45 },
    { frequency: 880, startMs: 80, durationMs: 110, wave: 'sine', gain: 0.45 },
  ],
  // Three even low notes: the problem went to Picqer and the picklist left the station.
  problem: [
    { frequency: 392, startMs: 0, durationMs: 110, wave: 'triangle', gain: 0.5 },
    { frequency: 330, startMs: 150, durationMs: 110, wave: 'triangle', gain: 0.5 },
    { frequency: 262, startMs: 300, durationMs: 200, wave: 'triangle', gain: 0.5 },
  ],
  // A low buzz, then a falling pair: the right product, but this unit's date is too soon; take another.
  short_dated: [
    { frequency: 196, startMs: 0, durationMs: 200, wave: 'square', gain: 0.35 },
    { frequency: 440, startMs: 260, durationMs: 90, wave: 'triangle', gain: 0.5 },
    { frequency: 330, startMs: 370, durationMs: 160, wave: 'triangle', gain: 0.5 },
  ],
  // A rising three-note question: the unit is right but waits for its serial number.
  serial_needed: [
    { frequency: 523, startMs: 0, durationMs: 80, wave: 'triangle', gain: 0.5 },
    { frequency: 659, startMs: 110, durationMs: 80, wave: 'triangle', gain: 0.5 },
    { frequency: 784, startMs: 220, durationMs: 140, wave: 'triangle', gain: 0.5 },
  ],
  // Not a refusal buzz: a set's own code, scan its parts. A question-like pair, then a low note.
  set_scanned: [
    { frequency: 587, startMs: 0, durationMs: 90, wave: 'triangle', gain: 0.5 },
    { frequency: 587, startMs: 120, durationMs: 90, wave: 'triangle', gain: 0.5 },
    { frequency: 440, startMs: 240, durationMs: 160, wave: 'triangle', gain: 0.5 },
  ],
  // A low see-saw, like a scale that will not settle: the box weighs what its contents should not.
  weight_off: [
    { frequency: 220, startMs: 0, durationMs: 120, wave: 'sawtooth', gain: 0.35 },
    { frequency: 294, startMs: 150, durationMs: 120, wave: 'sawtooth', gain: 0.35 },
    { frequency: 220, startMs: 300, durationMs: 200, wave: 'sawtooth', gain: 0.35 },
  ],
};

const outcomeSounds: Record<ScanOutcome, SoundName> = {
  counted: 'counted',
  line_complete: 'line_complete',
  all_verified: 'all_verified',
  wrong_item: 'wrong_item',
  too_many: 'too_many',
  unknown_barcode: 'unknown',
  partial_scan: 'partial',
  ambiguous: 'ambiguous',
  set_scanned: 'set_scanned',
  short_dated: 'short_dated',
  serial_needed: 'serial_needed',
};

export function soundForOutcome(outcome: ScanOutcome): SoundName {
  return outcomeSounds[outcome];
}

/** The sound for a whole answer; null for a command, whose effect has its own answer or screen. */
export function soundForAnswer(answer: Pick<ScanAnswer, 'kind' | 'outcome'> & Partial<Pick<ScanAnswer, 'command' | 'reason'>>): SoundName | null {
  switch (answer.kind) {
    case 'product':
      // A serial already packed is refused like a blocked scan, though the unit still waits for one.
      if (isRefusedSerial(answer)) return 'blocked';
      return answer.outcome ? soundForOutcome(answer.outcome) : 'unknown';
    case 'opened':
    case 'batch_opened':
      return 'opened';
    case 'undone':
      return 'undone';
    case 'command':
      // The UNDO barcode sounds like the Undo button; a refused one (nothing to undo) like a refusal.
      if (answer.command === 'UNDO') return answer.reason ? 'blocked' : 'undone';
      return null;
    case 'quantity':
      // Held for the next product scan; refused (with its reason) when no picklist is open.
      return answer.reason ? 'blocked' : 'counted';
    case 'packaging':
    case 'signed_in':
      return 'counted';
    case 'choose_picklist':
      return 'ambiguous';
    case 'blocked':
    case 'already_packed':
    case 'no_packer':
    case 'badge_refused':
      return 'blocked';
    case 'not_found':
      return answer.outcome ? soundForOutcome(answer.outcome) : 'unknown';
  }
}

/** How long a sound lasts, in ms. */
export function soundLengthMs(name: SoundName): number {
  return Math.max(...soundSpecs[name].map((tone) => tone.startMs + tone.durationMs));
}
