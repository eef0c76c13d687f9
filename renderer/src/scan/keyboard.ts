import { WedgeDetector, type FocusKind, type WedgeEvent, type WedgeOptions } from './wedge';

/*
 * The wedge detector's DOM binding: one keydown listener on the window, in the capture phase, so
 * it sees every key before any field or component does, whatever has focus.
 */

const textInputTypes = new Set(['text', 'search', 'number', 'tel', 'url', 'email', 'password', 'date', 'time', 'datetime-local', 'month', 'week']);

export function focusKindOf(element: Element | null): FocusKind {
  if (!element || element === document.body || element === document.documentElement) return 'none';
  if (element instanceof HTMLInputElement) {
    if (textInputTypes.has(element.type)) return element.readOnly || element.disabled ? 'none' : 'text';
    return 'control';
  }
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return 'text';
  if (element instanceof HTMLElement && element.isContentEditable) return 'text';
  if (element instanceof HTMLButtonElement || element instanceof HTMLAnchorElement || element.tagName === 'SUMMARY') return 'control';
  const role = element.getAttribute('role');
  if (role === 'button' || role === 'link' || role === 'tab' || role === 'option') return 'control';
  return 'none';
}

interface FieldSnapshot {
  element: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

function snapshotOf(element: Element | null): FieldSnapshot | null {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return null;
  let selectionStart: number | null = null;
  let selectionEnd: number | null = null;
  try {
    selectionStart = element.selectionStart;
    selectionEnd = element.selectionEnd;
  } catch {
    // type=number has no selection API.
  }
  return { element, value: element.value, selectionStart, selectionEnd };
}

/**
 * Puts a field back to its value before the burst. React keeps its own copy of an input's value:
 * the native setter plus an input event is the way to tell it, as if the person had typed.
 */
function restore(snapshot: FieldSnapshot): void {
  const { element } = snapshot;
  if (element.value === snapshot.value) return;
  const proto = element instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(element, snapshot.value);
  else element.value = snapshot.value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  try {
    if (snapshot.selectionStart !== null) element.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
  } catch {
    // Not every input type has a selection.
  }
}

/** The parts of a keydown that say which character it types. */
export interface KeyDownLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The key a keydown gives the wedge, or null when it is a shortcut. Ctrl+] is the ASCII control
 * key for GS: scanners type the GS1 group separator (FNC1) that way, on the physical key right of
 * P whatever the layout prints on it. Other Ctrl/Cmd keys (Ctrl+C, Cmd+V) are not typing; AltGr
 * arrives as Ctrl+Alt and is.
 */
export function wedgeKeyOf(event: KeyDownLike): string | null {
  if (event.ctrlKey && !event.altKey && !event.metaKey && event.code === 'BracketRight') return '\x1d';
  if ((event.ctrlKey || event.metaKey) && !event.altKey) return null;
  return event.key;
}

export interface WedgeBinding {
  readonly detector: WedgeDetector;
  unbind(): void;
}

export function bindWedge(target: Window, onEvent: (event: WedgeEvent) => void, options: Partial<WedgeOptions> = {}): WedgeBinding {
  let expiry: ReturnType<typeof setTimeout> | null = null;
  // A multiplier lapses by itself; the detector only learns the time when it is told.
  const detector = new WedgeDetector((event) => {
    if (event.type === 'multiplier') {
      if (expiry) clearTimeout(expiry);
      expiry = event.value === null ? null : setTimeout(() => detector.tick(performance.now()), detector.multiplierTimeoutMs + 5);
    }
    onEvent(event);
  }, options);
  let snapshot: FieldSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!detector.hasPending) return;
    timer = setTimeout(() => {
      timer = null;
      detector.tick(performance.now());
      if (detector.hasPending) schedule();
    }, detector.timeoutMs + 5);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.isComposing || event.repeat) return;
    const key = wedgeKeyOf(event);
    if (key === null) return;
    const active = target.document.activeElement;
    const decision = detector.key({ key, time: event.timeStamp, focus: focusKindOf(active) });
    if (decision.startsCandidate) snapshot = snapshotOf(active);
    if (decision.recognised && snapshot) restore(snapshot);
    if (decision.consume) {
      event.preventDefault();
      event.stopPropagation();
    }
    schedule();
  }

  // A button clicked with the mouse keeps focus, and Enter would press it again (Undo twice)
  // instead of completing. Mouse clicks give focus back to the page; keyboard users keep theirs
  // (a keyboard-activated click has detail 0).
  function onClick(event: MouseEvent): void {
    if (event.detail === 0) return;
    const element = event.target instanceof Element ? event.target.closest('button, a') : null;
    if (element instanceof HTMLElement && element === target.document.activeElement) element.blur();
  }

  target.addEventListener('keydown', onKeyDown, { capture: true });
  target.addEventListener('click', onClick, { capture: false });
  return {
    detector,
    unbind() {
      target.removeEventListener('keydown', onKeyDown, { capture: true });
      target.removeEventListener('click', onClick, { capture: false });
      if (timer) clearTimeout(timer);
      if (expiry) clearTimeout(expiry);
    },
  };
}
