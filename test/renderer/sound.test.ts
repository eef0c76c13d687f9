import { describe, expect, it } from 'vitest';
import { soundForAnswer, soundForOutcome, soundLengthMs, soundNames, soundSpecs } from '../../renderer/src/sound/specs';
import { scanAnswer, scanOutcomes } from '../../shared/packing';

describe('answer sounds', () => {
  it('maps every outcome to its own sound', () => {
    const sounds = scanOutcomes.map(soundForOutcome);
    expect(sounds).toEqual(['counted', 'line_complete', 'all_verified', 'wrong_item', 'too_many', 'unknown', 'partial', 'ambiguous', 'set_scanned', 'short_dated', 'serial_needed']);
    expect(new Set(sounds).size).toBe(scanOutcomes.length);
  });

  it('has a sound (or none on purpose) for every answer kind', () => {
    const byKind = Object.fromEntries(scanAnswer.shape.kind.options.map((kind) => [kind, soundForAnswer({ kind, outcome: null })]));
    expect(byKind).toEqual({ product: 'unknown', undone: 'undone', opened: 'opened', batch_opened: 'opened', choose_picklist: 'ambiguous', blocked: 'blocked', already_packed: 'blocked', command: null, quantity: 'counted', packaging: 'counted', not_found: 'unknown', no_packer: 'blocked', signed_in: 'counted', badge_refused: 'blocked' });
    expect(soundForAnswer({ kind: 'product', outcome: 'wrong_item' })).toBe('wrong_item');
    expect(soundForAnswer({ kind: 'command', outcome: null, command: 'UNDO', reason: null })).toBe('undone');
    // Refused with a reason: nothing to undo, or a quantity with no picklist open.
    expect(soundForAnswer({ kind: 'command', outcome: null, command: 'UNDO', reason: { code: 'pack.nothingToUndo', params: { picklistid: 'P1' } } })).toBe('blocked');
    expect(soundForAnswer({ kind: 'quantity', outcome: null, reason: { code: 'scan.quantityWithoutPicklist', params: {} } })).toBe('blocked');
    // A cut or misread scan sounds like itself, with a picklist open or not.
    expect(soundForAnswer({ kind: 'not_found', outcome: 'partial_scan' })).toBe('partial');
    expect(soundForAnswer({ kind: 'product', outcome: 'partial_scan' })).toBe('partial');
  });

  it('keeps every sound short, audible and distinct', () => {
    const shapes = new Set<string>();
    for (const name of soundNames) {
      const tones = soundSpecs[name];
      expect(tones.length, name).toBeGreaterThan(0);
      for (const tone of tones) {
        expect(tone.frequency, name).toBeGreaterThanOrEqual(100);
        expect(tone.frequency, name).toBeLessThanOrEqual(2000);
        expect(tone.durationMs, name).toBeGreaterThanOrEqual(50);
        expect(tone.gain, name).toBeGreaterThan(0);
        expect(tone.gain, name).toBeLessThanOrEqual(1);
      }
      expect(soundLengthMs(name), name).toBeLessThanOrEqual(600);
      shapes.add(JSON.stringify(tones));
    }
    expect(shapes.size).toBe(soundNames.length);
  });

  it('makes good news short and high, refusals low or long', () => {
    expect(soundLengthMs('counted')).toBeLessThan(100);
    expect(Math.min(...soundSpecs.counted.map((t) => t.frequency))).toBeGreaterThan(1000);
    expect(Math.max(...soundSpecs.wrong_item.map((t) => t.frequency))).toBeLessThan(300);
    expect(Math.max(...soundSpecs.blocked.map((t) => t.frequency))).toBeLessThan(300);
    expect(soundLengthMs('blocked')).toBeGreaterThan(soundLengthMs('counted') * 4);
    const done = soundSpecs.all_verified.map((t) => t.frequency);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });
});
