/*
 * Reports as HID devices send them, for tests that need one more than the recorded fixtures: a
 * HID POS scanned-data report (report ID 2, length, AIM identifier, data in a 64-byte report)
 * and a scale weight report (report ID 3, status, unit 2 = grams, exponent 0, 16-bit weight).
 */

export function scanReport(aim: string, data: string): Buffer {
  const out = Buffer.alloc(64);
  out[0] = 0x02;
  out[1] = data.length;
  out.write(aim, 2, 'latin1');
  out.write(data, 5, 'latin1');
  return out;
}

export const gramsReport = (status: number, weight: number): Buffer => Buffer.from([0x03, status, 0x02, 0x00, weight & 0xff, weight >> 8]);
