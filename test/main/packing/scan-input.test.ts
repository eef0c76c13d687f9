import { describe, expect, it } from 'vitest';
import { normaliseScanInput } from '../../../electron/main/packing/scan-input';

/*
 * Where a scan enters main its AIM identifier is settled once: kept as sent beside the code, or
 * taken off the front of a code that still carries it, so nothing after this reads it off again.
 */

describe('normaliseScanInput', () => {
  it('keeps an identifier sent beside the code, and the code as it came', () => {
    expect(normaliseScanInput({ code: '0100012345678905', aim: ']C1', source: 'wedge', multiplier: 3 })).toEqual({
      code: '0100012345678905',
      aim: ']C1',
      source: 'wedge',
      multiplier: 3,
    });
    // A code that only looks like it starts with one is not read off again.
    expect(normaliseScanInput({ code: ']C1ABC', aim: ']E0', source: 'hid' })).toEqual({ code: ']C1ABC', aim: ']E0', source: 'hid' });
  });

  it('takes the identifier off a code that still carries it, from a caller that sends none apart', () => {
    expect(normaliseScanInput({ code: ']E05901234123457', source: 'wedge' })).toEqual({ code: '5901234123457', aim: ']E0', source: 'wedge' });
    expect(normaliseScanInput({ code: ']d20100012345678905', aim: null, source: 'serial', multiplier: 2 })).toEqual({
      code: '0100012345678905',
      aim: ']d2',
      source: 'serial',
      multiplier: 2,
    });
    expect(normaliseScanInput({ code: '\r\n]C0PD:COMPLETE\r\n', source: 'manual' })).toEqual({ code: 'PD:COMPLETE\r\n', aim: ']C0', source: 'manual' });
  });

  it('leaves a code without an identifier exactly as it came, for the scan gate to judge', () => {
    expect(normaliseScanInput({ code: '8712345000014\r\n', source: 'serial' })).toEqual({ code: '8712345000014\r\n', aim: null, source: 'serial' });
    expect(normaliseScanInput({ code: 'AB]E0CD', source: 'wedge' })).toEqual({ code: 'AB]E0CD', aim: null, source: 'wedge' });
    expect(normaliseScanInput({ code: '\x02871234\x03', source: 'hid' })).toEqual({ code: '\x02871234\x03', aim: null, source: 'hid' });
  });

  it('an identifier with nothing after it is the scan itself, as the wedge keeps it', () => {
    expect(normaliseScanInput({ code: ']E0', source: 'wedge' })).toEqual({ code: ']E0', aim: null, source: 'wedge' });
    expect(normaliseScanInput({ code: ']E0 \r', source: 'wedge' })).toEqual({ code: ']E0 \r', aim: null, source: 'wedge' });
  });
});
