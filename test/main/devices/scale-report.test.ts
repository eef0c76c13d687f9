import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStabilityTracker, parseScaleReport, type ScaleSample } from '../../../electron/main/devices/scale-report';

interface Fixture {
  source: string;
  cases: Array<{ name: string; report: string; expect: Pick<ScaleSample, 'condition' | 'value' | 'unit' | 'grams'> }>;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/hid/scale-reports.json'), 'utf8')) as Fixture;
const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const weightReport = (status: number, unit: number, exponent: number, raw: number) =>
  Buffer.from([0x03, status, unit, exponent & 0xff, raw & 0xff, raw >> 8]);

describe('USB HID scale weight reports', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const sample = parseScaleReport(bytes(c.report));
      expect(sample).not.toBeNull();
      const { condition, value, unit } = sample as ScaleSample;
      expect({ condition, value, unit }).toEqual({ condition: c.expect.condition, value: c.expect.value, unit: c.expect.unit });
      if (c.expect.grams === null) expect(sample?.grams).toBeNull();
      else expect(sample?.grams).toBeCloseTo(c.expect.grams, 2);
    });
  }

  it('reads every weight unit of the HID POS unit table in grams', () => {
    const grams = (unit: number) => parseScaleReport(weightReport(4, unit, 0, 1))?.grams;
    expect([1, 2, 3, 4, 6, 7, 8, 11, 12].map(grams)).toEqual([0.001, 1, 1000, 0.2, 0.065, 1.555, 1_000_000, 28.35, 453.592]);
    expect(grams(5)).toBeCloseTo(37.799, 3);
    expect(grams(9)).toBeCloseTo(907_184.74, 2);
    expect(grams(10)).toBeCloseTo(31.103, 3);
  });

  it('keeps an unknown unit as a number without grams, and ignores other reports', () => {
    expect(parseScaleReport(weightReport(4, 0x2a, 0, 7))).toMatchObject({ unit: 'unknown', value: 7, grams: null });
    expect(parseScaleReport(Buffer.from([0x04, 0x01, 0x02]))).toBeNull();
    expect(parseScaleReport(Buffer.from([0x05, 4, 2, 0, 20, 0]))).toBeNull();
  });

  it('reads a negative power of ten without float noise', () => {
    expect(parseScaleReport(weightReport(4, 11, -1, 3))?.value).toBe(0.3);
    expect(parseScaleReport(weightReport(4, 3, -3, 1001))?.grams).toBe(1001);
  });
});

describe('counting a weight as stable', () => {
  const sample = (hex: Buffer) => parseScaleReport(hex) as ScaleSample;
  const stable = (grams: number) => sample(weightReport(4, 2, 0, grams));

  it('counts a weight only after N identical stable readings, and once', () => {
    const tracker = createStabilityTracker(3);
    const results = [stable(1200), stable(1200), stable(1200), stable(1200)].map((s, i) => tracker.next(s, i));
    expect(results.map((r) => r.settled?.grams ?? null)).toEqual([null, null, 1200, null]);
    expect(results.map((r) => r.reading.isSettled)).toEqual([false, false, true, true]);
  });

  it('starts counting again when the weight changes or the scale moves', () => {
    const tracker = createStabilityTracker(2);
    const moving = sample(weightReport(3, 2, 0, 900));
    const sequence = [stable(800), stable(810), moving, stable(810), stable(810), stable(805), stable(805)];
    expect(sequence.map((s, i) => tracker.next(s, i).settled?.grams ?? null)).toEqual([null, null, null, null, 810, null, 805]);
  });

  it('counts the same parcel again after it was lifted off and put back', () => {
    const tracker = createStabilityTracker(2);
    const zero = sample(weightReport(2, 2, 0, 0));
    const sequence = [stable(500), stable(500), zero, zero, stable(500), stable(500)];
    expect(sequence.map((s, i) => tracker.next(s, i).settled?.grams ?? null)).toEqual([null, 500, null, null, null, 500]);
  });

  it('never counts zero, under zero, over weight or a fault as a weight, but reports them', () => {
    const tracker = createStabilityTracker(1);
    const reports = [weightReport(2, 2, 0, 0), weightReport(5, 2, 0, 3), weightReport(6, 2, 0, 0), weightReport(1, 2, 0, 0), weightReport(7, 2, 0, 0), weightReport(8, 2, 0, 0)];
    const results = reports.map((r, i) => tracker.next(sample(r), i));
    expect(results.map((r) => r.settled)).toEqual([null, null, null, null, null, null]);
    expect(results.map((r) => r.reading.condition)).toEqual(['zero', 'under-zero', 'over-weight', 'fault', 'needs-calibration', 'needs-rezero']);
    expect(results[1]?.reading.grams).toBe(-3);
  });

  it('with N = 1 the first stable reading counts', () => {
    const tracker = createStabilityTracker(1);
    expect(tracker.next(stable(42), 0).settled).toEqual({ grams: 42, value: 42, unit: 'g', at: 0 });
  });
});
