/**
 * Picqer's documented `error_code` values (picqer-api.md §1), stable and meant for matching in
 * code. The client reads them; the demo backend answers with them.
 */
export const picqerErrorCodes = {
  unknown: 1,
  parametersMissing: 5,
  noProductGiven: 15,
  invalidAmount: 16,
  productNotOnPicklist: 17,
  amountTooHigh: 18,
  itemNotFound: 20,
  wrongStatus: 21,
  invalidJson: 22,
  cannotCreateShipment: 26,
  rateLimited: 28,
  alreadyProcessed: 33,
} as const;
