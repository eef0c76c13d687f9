/*
 * Counts HTTP exchanges in flight in this process by wrapping the global fetch, which the Picqer
 * client uses unless given another. A bench that steps a manual clock must never step while a
 * request is out: its timeout timer would fire.
 */
/** One HTTP exchange as the station's client saw it: sent, and its last byte in (performance.now()). */
export interface Exchange {
  method: string;
  url: string;
  startedAt: number;
  endedAt: number;
}

export interface FetchTracker {
  inFlight(): number;
  /** Every exchange since the tracker was made, in the order they ended. */
  exchanges(): readonly Exchange[];
  /** Resolves once nothing is in flight and the event loop has had two idle turns. */
  quiet(): Promise<void>;
  restore(): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function trackGlobalFetch(): FetchTracker {
  const original = globalThis.fetch;
  let inFlight = 0;
  const done: Exchange[] = [];
  globalThis.fetch = async (input, init) => {
    inFlight++;
    const startedAt = performance.now();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    try {
      const response = await original(input, init);
      // Read here, so the exchange counts as in flight until its last byte.
      const body = await response.arrayBuffer();
      return new Response(body.byteLength === 0 ? null : body, { status: response.status, headers: response.headers });
    } finally {
      inFlight--;
      done.push({ method, url, startedAt, endedAt: performance.now() });
    }
  };
  return {
    inFlight: () => inFlight,
    exchanges: () => done,
    async quiet() {
      for (let idle = 0; idle < 3; ) {
        await turn();
        if (inFlight > 0) {
          idle = 0;
          await new Promise<void>((resolve) => setTimeout(resolve, 1));
        } else {
          idle++;
        }
      }
    },
    restore() {
      globalThis.fetch = original;
    },
  };
}
