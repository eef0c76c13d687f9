import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../electron/main/infra/clock';
import { createScanHold } from '../../../electron/main/devices/scan-hold';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('device scans while a dialog is open', () => {
  it('are handled at once without a dialog, one at a time in order', async () => {
    const hold = createScanHold(createManualClock());
    const seen: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((code) => hold.pass(async () => void seen.push(code))));
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('are held while a dialog is open and handled in order when it closes', async () => {
    const hold = createScanHold(createManualClock());
    const seen: string[] = [];
    hold.set(true);
    const passed = ['a', 'b'].map((code) => hold.pass(async () => void seen.push(code)));
    await flush();
    expect(seen).toEqual([]);
    hold.set(false);
    await Promise.all(passed);
    expect(seen).toEqual(['a', 'b']);
  });

  it('are not held for good when the screen never says the dialog closed', async () => {
    const clock = createManualClock();
    const hold = createScanHold(clock, 60_000);
    const seen: string[] = [];
    hold.set(true);
    const passed = hold.pass(async () => void seen.push('a'));
    clock.advance(59_000);
    await flush();
    expect(seen).toEqual([]);
    clock.advance(1_000);
    await passed;
    expect(seen).toEqual(['a']);
    expect(hold.isHeld).toBe(false);
  });

  it('goes on after a scan whose handling failed', async () => {
    const hold = createScanHold(createManualClock());
    await expect(hold.pass(() => Promise.reject(new Error('station gone')))).rejects.toThrow('station gone');
    const seen: string[] = [];
    await hold.pass(async () => void seen.push('b'));
    expect(seen).toEqual(['b']);
  });
});
