import type { Clock } from '../clock';

/*
 * Signs the packer out after a quiet spell, so the next person at a shared station does not pack
 * under someone else's name. Only what a person does counts as activity (a scan, a command);
 * the screen polling its own state does not. The open pack session is left as it is: the next
 * packer who signs in continues it.
 */

export interface IdleSignOut {
  /** Something the packer did. */
  touch(): void;
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

/** How often the timer looks; a sign-out comes at most this late. */
const checkEveryMs = 15_000;

export function createIdleSignOut(deps: IdleSignOutDeps): IdleSignOut {
  let lastActivity = deps.clock.now();
  let timer: { cancel(): void } | null = null;
  let isRunning = false;

  const check = () => {
    timer = null;
    if (!isRunning) return;
    const minutes = deps.idleMinutes();
    if (minutes && deps.isSignedIn() && deps.clock.now() - lastActivity >= minutes * 60_000) {
      deps.signOut();
      lastActivity = deps.clock.now();
    }
    timer = deps.clock.setTimeout(check, checkEveryMs);
  };

  return {
    touch() {
      lastActivity = deps.clock.now();
    },
    start() {
      if (isRunning) return;
      isRunning = true;
      lastActivity = deps.clock.now();
      timer = deps.clock.setTimeout(check, checkEveryMs);
    },
    stop() {
      isRunning = false;
      timer?.cancel();
      timer = null;
    },
  };
}
