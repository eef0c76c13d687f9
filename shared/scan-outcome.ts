import { z } from 'zod';

/**
 * What a product scan did. Each has its own sound and colour in the renderer:
 * counted / line_complete / all_verified are good news, the rest refuse and count nothing.
 * set_scanned: a set's own barcode, where its parts are what is counted; no mis-scan.
 * short_dated: the unit's best-before date is within the minimum shelf life (issue 18).
 * serial_needed: the product counts only with its serial number; the unit waits for it (issue 18).
 */
export const scanOutcomes = [
  'counted',
  'line_complete',
  'all_verified',
  'wrong_item',
  'too_many',
  'unknown_barcode',
  'partial_scan',
  'ambiguous',
  'set_scanned',
  'short_dated',
  'serial_needed',
] as const;
export const scanOutcome = z.enum(scanOutcomes);
export type ScanOutcome = z.infer<typeof scanOutcome>;
