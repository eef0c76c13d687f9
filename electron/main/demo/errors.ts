/**
 * Picqer's `error_code` values that the demo answers with (picqer-api.md §1). The HTTP status
 * travels beside it, as Picqer sends both.
 */
export const picqerErrorCodes = {
  unknown: 1,
  parametersMissing: 5,
  noProductGiven: 15,
  invalidAmount: 16,
  productNotOnPicklist: 17,
  amountTooHigh: 18,
  notFound: 20,
  wrongStatus: 21,
  invalidJson: 22,
  cannotCreateShipment: 26,
  rateLimited: 28,
  notImplemented: 8,
} as const;

export class DemoApiError extends Error {
  readonly status: number;
  readonly code: number;

  constructor(status: number, code: number, message: string) {
    super(message);
    this.name = 'DemoApiError';
    this.status = status;
    this.code = code;
  }

  toBody(): { error: true; error_code: number; error_message: string } {
    return { error: true, error_code: this.code, error_message: this.message };
  }
}

export const notFound = (what: string): DemoApiError => new DemoApiError(404, picqerErrorCodes.notFound, `${what} not found`);
export const wrongStatus = (message: string): DemoApiError => new DemoApiError(400, picqerErrorCodes.wrongStatus, message);
export const missing = (message: string): DemoApiError => new DemoApiError(400, picqerErrorCodes.parametersMissing, message);
