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
  /**
   * The next `count` mutating API requests (POST/PUT/DELETE) are executed, then the socket is
   * destroyed without a response. With `path`, only requests whose path matches it count.
   */
  resetAfterApply(count?: number, path?: RegExp): void;
  /**
   * The next `count` JSON responses of executed API requests (whose path matches `path`, if given)
   * are cut off mid-body (status and change stand).
   */
  malformedJson(count?: number, path?: RegExp): void;
  /**
   * The next `count` API requests are answered by an HTML page with `status` (a proxy's or
   * gateway's error page, a captive portal with 200), as something in front of Picqer would: the
   * request never reaches it and is not executed.
   */
  htmlPage(count?: number, status?: number): void;
  /**
   * The next `count` successful GET answers are valid JSON of `bytes` bytes (a runaway list),
   * streamed without a Content-Length, so only a client that counts while reading stops it.
   */
  hugeBody(count?: number, bytes?: number): void;
  /** The next `count` mutating API requests (matching `path`, if given) are executed, then answered 500: the change stands, the client cannot know. */
  errorAfterApply(count?: number, path?: RegExp): void;
  /**
   * The next `count` API requests whose path matches `path` (and, given, whose method is
   * `method`) are refused with `status` and Picqer's error body, without being executed: what
   * Picqer answers when it will not do something, e.g. a close it refuses.
   */
  refuse(count: number, path: RegExp, refusal?: { status?: number; errorCode?: number; message?: string; method?: string }): void;
  /** What is still queued up. */
  readonly pending: { rateLimited: number; resets: number; malformed: number; htmlPages: number; hugeBodies: number; errorsAfterApply: number; refusals: number };
  /** How many faults were handed out since the start, by kind: what a chaos run reports. */
  readonly injected: Readonly<Record<FaultKind, number>>;
  clear(): void;
}

export type FaultKind = 'rateLimited' | 'serverError' | 'reset' | 'malformed' | 'htmlPage' | 'hugeBody' | 'errorAfterApply' | 'refused';

export interface Refusal {
  status: number;
  errorCode: number;
  message: string;
}

/** The server's side of the faults: it consumes them as requests arrive. */
export class FaultInjector implements DemoFaults {
  latencyMs = 0;
  errorRate = 0;
  private rateLimited = 0;
  private resets: Array<RegExp | null> = [];
  private malformed: Array<RegExp | null> = [];
  private htmlPages: Array<{ status: number }> = [];
  private hugeBodies: number[] = [];
  private errorsAfterApply: Array<RegExp | null> = [];
  private refusals: Array<Refusal & { path: RegExp; method: string | null }> = [];
  private readonly counts: Record<FaultKind, number> = {
    rateLimited: 0,
    serverError: 0,
    reset: 0,
    malformed: 0,
    htmlPage: 0,
    hugeBody: 0,
    errorAfterApply: 0,
    refused: 0,
  };
  private readonly random: Prng;

  constructor(seed: number | string) {
    this.random = createPrng(`${String(seed)}/faults`);
  }

  get pending(): DemoFaults['pending'] {
    return {
      rateLimited: this.rateLimited,
      resets: this.resets.length,
      malformed: this.malformed.length,
      htmlPages: this.htmlPages.length,
      hugeBodies: this.hugeBodies.length,
      errorsAfterApply: this.errorsAfterApply.length,
      refusals: this.refusals.length,
    };
  }

  get injected(): Readonly<Record<FaultKind, number>> {
    return { ...this.counts };
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

  resetAfterApply(count = 1, path?: RegExp): void {
    for (let i = 0; i < count; i++) this.resets.push(path ?? null);
  }

  malformedJson(count = 1, path?: RegExp): void {
    for (let i = 0; i < count; i++) this.malformed.push(path ?? null);
  }

  htmlPage(count = 1, status = 502): void {
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new RangeError('status must be an HTTP status from 200 to 599');
    for (let i = 0; i < count; i++) this.htmlPages.push({ status });
  }

  hugeBody(count = 1, bytes = 32 * 1024 * 1024): void {
    if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError('bytes must be a positive whole number');
    for (let i = 0; i < count; i++) this.hugeBodies.push(bytes);
  }

  errorAfterApply(count = 1, path?: RegExp): void {
    for (let i = 0; i < count; i++) this.errorsAfterApply.push(path ?? null);
  }

  refuse(count: number, path: RegExp, refusal: { status?: number; errorCode?: number; message?: string; method?: string } = {}): void {
    const status = refusal.status ?? 400;
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError('a refusal status must be from 400 to 599');
    for (let i = 0; i < count; i++) {
      this.refusals.push({
        path,
        method: refusal.method?.toUpperCase() ?? null,
        status,
        errorCode: refusal.errorCode ?? 1,
        message: refusal.message ?? 'Refused (injected by the demo backend)',
      });
    }
  }

  clear(): void {
    this.latencyMs = 0;
    this.errorRate = 0;
    this.rateLimited = 0;
    this.resets = [];
    this.malformed = [];
    this.htmlPages = [];
    this.hugeBodies = [];
    this.errorsAfterApply = [];
    this.refusals = [];
  }

  takeForced429(): boolean {
    if (this.rateLimited <= 0) return false;
    this.rateLimited--;
    this.counts.rateLimited++;
    return true;
  }

  takeServerError(): boolean {
    if (this.errorRate <= 0) return false;
    const isHit = this.errorRate >= 1 || this.random.next() < this.errorRate;
    if (isHit) this.counts.serverError++;
    return isHit;
  }

  takeReset(path: string): boolean {
    if (!take(this.resets, path)) return false;
    this.counts.reset++;
    return true;
  }

  takeMalformed(path: string): boolean {
    if (!take(this.malformed, path)) return false;
    this.counts.malformed++;
    return true;
  }

  takeHtmlPage(): { status: number } | null {
    const page = this.htmlPages.shift() ?? null;
    if (page) this.counts.htmlPage++;
    return page;
  }

  takeHugeBody(): number | null {
    const bytes = this.hugeBodies.shift() ?? null;
    if (bytes !== null) this.counts.hugeBody++;
    return bytes;
  }

  takeRefusal(method: string, path: string): Refusal | null {
    const index = this.refusals.findIndex((r) => (r.method === null || r.method === method) && r.path.test(path));
    if (index < 0) return null;
    const [refusal] = this.refusals.splice(index, 1);
    this.counts.refused++;
    return refusal ? { status: refusal.status, errorCode: refusal.errorCode, message: refusal.message } : null;
  }

  takeErrorAfterApply(path: string): boolean {
    if (!take(this.errorsAfterApply, path)) return false;
    this.counts.errorAfterApply++;
    return true;
  }
}

/** Removes the first armed fault that applies to `path`; true when there was one. */
function take(armed: Array<RegExp | null>, path: string): boolean {
  const index = armed.findIndex((pattern) => pattern === null || pattern.test(path));
  if (index < 0) return false;
  armed.splice(index, 1);
  return true;
}
