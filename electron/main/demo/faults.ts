import { createPrng, type Prng } from './prng';

/** Faults a test switches on at runtime. They apply to /api/v1 requests only, not to public links. */
export interface DemoFaults {
  /** Real milliseconds added before every API request is handled. */
  latencyMs: number;
  /** Fraction (0..1) of API requests answered 500 without being executed. Deterministic per seed. */
  errorRate: number;
  setLatency(ms: number): void;
  setErrorRate(rate: number): void;
  /** The next `count` API requests get 429 (error_code 28) and are not executed. */
  force429(count?: number): void;
  /** The next `count` mutating API requests (POST/PUT/DELETE) are executed, then the socket is destroyed without a response. */
  resetAfterApply(count?: number): void;
  /** The next `count` JSON responses of executed API requests are cut off mid-body (status and change stand). */
  malformedJson(count?: number): void;
  /** What is still queued up. */
  readonly pending: { rateLimited: number; resets: number; malformed: number };
  clear(): void;
}

/** The server's side of the faults: it consumes them as requests arrive. */
export class FaultInjector implements DemoFaults {
  latencyMs = 0;
  errorRate = 0;
  private rateLimited = 0;
  private resets = 0;
  private malformed = 0;
  private readonly random: Prng;

  constructor(seed: number | string) {
    this.random = createPrng(`${String(seed)}/faults`);
  }

  get pending(): { rateLimited: number; resets: number; malformed: number } {
    return { rateLimited: this.rateLimited, resets: this.resets, malformed: this.malformed };
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of ms');
    this.latencyMs = ms;
  }

  setErrorRate(rate: number): void {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError('error rate must be between 0 and 1');
    this.errorRate = rate;
  }

  force429(count = 1): void {
    this.rateLimited += count;
  }

  resetAfterApply(count = 1): void {
    this.resets += count;
  }

  malformedJson(count = 1): void {
    this.malformed += count;
  }

  clear(): void {
    this.latencyMs = 0;
    this.errorRate = 0;
    this.rateLimited = 0;
    this.resets = 0;
    this.malformed = 0;
  }

  takeForced429(): boolean {
    if (this.rateLimited <= 0) return false;
    this.rateLimited--;
    return true;
  }

  takeServerError(): boolean {
    if (this.errorRate <= 0) return false;
    return this.errorRate >= 1 || this.random.next() < this.errorRate;
  }

  takeReset(): boolean {
    if (this.resets <= 0) return false;
    this.resets--;
    return true;
  }

  takeMalformed(): boolean {
    if (this.malformed <= 0) return false;
    this.malformed--;
    return true;
  }
}
