import { picqerErrorCodes as documented } from '../main/picqer/error-codes';

/**
 * The codes the demo answers with: Picqer's documented ones, plus one of the demo's own for an
 * endpoint it does not serve. The HTTP status travels beside it, as Picqer sends both.
 */
export const picqerErrorCodes = { ...documented, notImplemented: 8 } as const;

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

export const notFound = (what: string): DemoApiError => new DemoApiError(404, picqerErrorCodes.itemNotFound, `${what} not found`);
export const wrongStatus = (message: string): DemoApiError => new DemoApiError(400, picqerErrorCodes.wrongStatus, message);
export const missing = (message: string): DemoApiError => new DemoApiError(400, picqerErrorCodes.parametersMissing, message);
