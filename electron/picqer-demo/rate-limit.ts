import type { Clock } from '../main/infra/clock';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
}

const windowMs = 60_000;

/**
 * Picqer's budget of requests per minute, counted per API key in a fixed one-minute window that
 * opens with the key's first request. A refused request does not count.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private current: number,
    private readonly clock: Clock,
  ) {}

  get limit(): number {
    return this.current;
  }

  /** Picqer lowers or raises the limit with its load. The next request opens a fresh window. */
  setLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('the rate limit must be a positive whole number');
    this.current = limit;
    this.windows.clear();
  }

  private window(key: string): { start: number; count: number } {
    const now = this.clock.now();
    let current = this.windows.get(key);
    if (!current || now - current.start >= windowMs) {
      current = { start: now, count: 0 };
      this.windows.set(key, current);
    }
    return current;
  }

  take(key: string): RateDecision {
    const current = this.window(key);
    if (current.count >= this.limit) return { allowed: false, limit: this.limit, remaining: 0 };
    current.count++;
    return { allowed: true, limit: this.limit, remaining: this.limit - current.count };
  }

  peek(key: string | null): RateDecision {
    if (key === null) return { allowed: true, limit: this.limit, remaining: this.limit };
    const current = this.window(key);
    return { allowed: current.count < this.limit, limit: this.limit, remaining: Math.max(0, this.limit - current.count) };
  }
}
