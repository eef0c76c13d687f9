import type { AppState } from '../../../shared/domain';
import type { CupsQueue } from '../../../shared/printing';
import type { CommandAck } from '../../../shared/packing';
import type { Clock } from '../infra/clock';
import type { StationDevices } from '../devices/station-devices';
import type { ScanHold } from '../devices/scan-hold';
import type { BadgeSigner } from '../people/badge-signature';
import type { ShiftLead } from '../people/shift-lead';
import type { createLookalikes } from '../packing/lookalikes';
import type { ScanRouter } from '../packing/scan-router';
import type { Lifecycle } from '../station/lifecycle';
import type { SavedConfig } from '../station/saved-config';
import type { Handlers } from '../transport/dispatch';
import type { EventBus } from '../transport/events';

/*
 * What the command handlers are built from. Each domain module takes the few parts it uses (a Pick
 * of this) and checks its table against its slice of the contract, so the station's combined
 * table is still checked whole: a missing or misspelled handler does not compile.
 */

export interface StationContext {
  clock: Clock;
  events: EventBus;
  life: Lifecycle;
  settings: SavedConfig;
  lead: ShiftLead;
  badges: BadgeSigner;
  router: ScanRouter;
  scanHold: ScanHold;
  lookalikes: ReturnType<typeof createLookalikes>;
  devices: StationDevices;
  /** This machine's printers (CUPS's queues or Windows's list, and the operating system's), also before the station is set up. */
  localPrinters(): Promise<CupsQueue[]>;
  state(): AppState;
  /** Sends the app state as it is now to every screen. */
  publishState(): void;
  acks: Acks;
}

/** The handlers of the commands whose names start with one of `Prefix` and a dot. */
export type HandlersOf<Prefix extends string> = Pick<Handlers, Extract<keyof Handlers, `${Prefix}.${string}`>>;

export interface Acks {
  /** A station command's acknowledgement: the app state it left goes out as app.state first, and the answer carries that event's revision, never a copy of the state. */
  state(): CommandAck;
  /** The acknowledgement of a command whose state went out as an event just before: that event's revision. */
  bus(): CommandAck;
  /** A pack command's acknowledgement: what it did and the session revision it left (the session itself went out as session.changed). */
  pack(run: () => unknown, outcome: CommandAck['outcome']): Promise<CommandAck>;
}

export function createAcks(events: EventBus, publishState: () => void, life: Pick<Lifecycle, 'runtime'>): Acks {
  const bus = (): CommandAck => ({ outcome: 'done', reason: null, revision: events.revision() });
  return {
    state() {
      publishState();
      return bus();
    },
    bus,
    async pack(run, outcome) {
      await run();
      return { outcome, reason: null, revision: life.runtime()?.pack.revision() ?? 0 };
    },
  };
}
