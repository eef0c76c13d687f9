import { z } from 'zod';

/*
 * What the station learnt from weighed parcels (issue 18): a product whose single-product parcels
 * weigh clearly more or less a unit than its catalogue weight, for the shift lead to check in
 * Picqer. The station never changes a catalogue weight itself.
 */
export const weightSuspect = z.object({
  idproduct: z.number().int(),
  productcode: z.string(),
  name: z.string(),
  /** Grams, as the catalogue (Picqer) has it. */
  catalogueWeight: z.number(),
  /** Grams a unit, the median over the parcels. */
  measuredWeight: z.number(),
  /** How many parcels the median is taken over. */
  parcels: z.number().int(),
  /** The measured weight against the catalogue's, as a signed percentage of the catalogue's, to one decimal. */
  percent: z.number(),
});
export type WeightSuspect = z.infer<typeof weightSuspect>;
