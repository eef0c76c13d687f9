import { z } from 'zod';

/** What a trainee sees when practice ends. */
export const practiceScore = z.object({
  /** Parcels packed to the end (every line verified and completed). */
  parcels: z.number().int(),
  /** Product scans, not counting undone ones. */
  scans: z.number().int(),
  /** Wrong item, too many, unknown barcode. */
  misScans: z.number().int(),
  /** Percent of product scans that were right, one decimal; null without scans. */
  accuracy: z.number().nullable(),
  /** Median seconds from a parcel's first scan to its last; null without parcels. */
  medianSecondsPerParcel: z.number().int().nullable(),
  minutes: z.number().int(),
});
export type PracticeScore = z.infer<typeof practiceScore>;
