/*
 * Counts HTTP exchanges in flight in this process by wrapping the global fetch, which the Picqer
 * client uses unless given another. A bench that steps a manual clock must never step while a
 * request is out: its timeout timer would fire.
 */
export interface FetchTracker {
  inFlight(): number;
  /** Resolves once nothing is in flight and the event loop has had two idle turns. */
  quiet(): Promise<void>;
  restore(): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function trackGlobalFetch(): FetchTracker {
  const original = globalThis.fetch;
  let inFlight = 0;
  globalThis.fetch = async (input, init) => {
    inFlight++;
    try {
      const response = await original(input, init);
      // Read here, so the exchange counts as in flight until its last byte.
      const body = await response.arrayBuffer();
      return new Response(body.byteLength === 0 ? null : body, { status: response.status, headers: response.headers });
    } finally {
      inFlight--;
    }
  };
  return {
    inFlight: () => inFlight,
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
