import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/log';
import type { HidDeviceInfo, HidPort } from './hid-port';

/*
 * One poll of the USB HID device list for every HID source: node-hid has no plug/unplug events,
 * and each enumeration walks the bus, so the station does it once per interval (2 s by default)
 * on the injected clock and hands the same list to every scanner and scale. The next poll is
 * armed only after the previous one finished, so a slow bus never piles polls up.
 */

export interface HidSnapshot {
  devices: HidDeviceInfo[];
  /** Why the list could not be read (node-hid missing, no permission to enumerate); null when it was. */
  error: string | null;
}

export interface HidMonitor {
  start(): void;
  stop(): void;
  /** Reads the list now; resolves when every subscriber has seen it. Joins a poll already under way. */
  poll(): Promise<void>;
  subscribe(listener: (snapshot: HidSnapshot) => void): () => void;
  snapshot(): HidSnapshot;
}

export interface HidMonitorOptions {
  port: HidPort;
  clock: Clock;
  pollMs?: number;
  log: Logger;
}

export function createHidMonitor(options: HidMonitorOptions): HidMonitor {
  const pollMs = options.pollMs ?? 2_000;
  const listeners = new Set<(snapshot: HidSnapshot) => void>();
  let current: HidSnapshot = { devices: [], error: null };
  let inFlight: Promise<void> | null = null;
  let timer: { cancel(): void } | null = null;
  let isRunning = false;

  const publish = (snapshot: HidSnapshot) => {
    current = snapshot;
    for (const listener of [...listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        options.log.error('a HID device source failed on the device list', { error: error instanceof Error ? error.stack : String(error) });
      }
    }
  };

  const arm = () => {
    timer?.cancel();
    timer = isRunning ? options.clock.setTimeout(() => void poll(), pollMs) : null;
  };

  const poll = (): Promise<void> => {
    if (inFlight) return inFlight;
    timer?.cancel();
    timer = null;
    inFlight = (async () => {
      try {
        const devices = await options.port.list();
        if (current.error) options.log.info('USB HID devices can be listed again');
        publish({ devices, error: null });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== current.error) options.log.warn('cannot list USB HID devices', { error: message });
        publish({ devices: [], error: message });
      } finally {
        inFlight = null;
        arm();
      }
    })();
    return inFlight;
  };

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      void poll();
    },
    stop() {
      isRunning = false;
      timer?.cancel();
      timer = null;
    },
    poll,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => current,
  };
}
