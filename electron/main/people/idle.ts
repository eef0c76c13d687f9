import type { Clock } from '../infra/clock';

/*
 * Signs the packer out after a quiet spell, so the next person at a shared station does not pack
 * under someone else's name. Only what a person does counts as activity (a scan, a command);
 * the screen polling its own state does not. The open pack session is left as it is: the next
 * packer who signs in continues it.
 */

export interface IdleSignOut {
  /** Something the packer did; `at` when it was earlier than now (the last activity before a restart). */
  touch(at?: number): void;
  start(): void;
  stop(): void;
}

export interface IdleSignOutDeps {
  clock: Clock;
  /** Minutes without activity before signing out; null or 0: never. Read on every check, so Settings can change it. */
  idleMinutes(): number | null;
  isSignedIn(): boolean;
  signOut(): void;
}

/** The longest the timer sleeps: a changed setting or a sign-in is noticed within this. */
const maxSleepMs = 15_000;

export function createIdleSignOut(deps: IdleSignOutDeps): IdleSignOut {
  let lastActivity = deps.clock.now();
  let timer: { cancel(): void } | null = null;
  let isRunning = false;

  const check = () => {
    timer = null;
    if (!isRunning) return;
    const idleMs = (deps.idleMinutes() ?? 0) * 60_000;
    let sleepMs = maxSleepMs;
    if (idleMs > 0 && deps.isSignedIn()) {
      const left = lastActivity + idleMs - deps.clock.now();
      if (left <= 0) {
        deps.signOut();
        lastActivity = deps.clock.now();
      } else {
        // Wake when the quiet spell would end, so the sign-out comes on time, not up to 15 s late.
        sleepMs = Math.min(maxSleepMs, left);
      }
    }
    timer = deps.clock.setTimeout(check, sleepMs);
  };

  return {
    touch(at) {
      lastActivity = at ?? deps.clock.now();
    },
    start() {
      if (isRunning) return;
      isRunning = true;
      lastActivity = deps.clock.now();
      timer = deps.clock.setTimeout(check, 0);
    },
    stop() {
      isRunning = false;
      timer?.cancel();
      timer = null;
    },
  };
}
