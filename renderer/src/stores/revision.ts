/*
 * Main stamps every event with a revision and answers every read with the revision it had
 * (electron/main/transport/events.ts). A store keeps the revision of what it shows and takes a new state
 * only when it is not older: an event must be newer than what is shown, a read may be as new (it
 * answers the same state an event with that revision sent). A slow read can never bring back a
 * state an event already replaced, whichever order a transport delivers them in.
 */
export interface RevisionGate {
  /** For an event: true (and remembered) when `revision` is newer than what is shown. */
  takeEvent(revision: number): boolean;
  /** For a read's answer: true (and remembered) when `revision` is not older than what is shown. */
  takeRead(revision: number): boolean;
  /** The state shown is older than `revision` (a command's acknowledgement named it). */
  isBehind(revision: number): boolean;
  /** The station switched (or restarted): whatever main says next is taken. */
  reset(): void;
}

export function createRevisionGate(): RevisionGate {
  let shown = 0;
  return {
    takeEvent(revision) {
      if (revision <= shown) return false;
      shown = revision;
      return true;
    },
    takeRead(revision) {
      if (revision < shown) return false;
      shown = revision;
      return true;
    },
    isBehind(revision) {
      return shown < revision;
    },
    reset() {
      shown = 0;
    },
  };
}
