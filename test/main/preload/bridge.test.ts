import { describe, expect, it, vi } from 'vitest';
import { eventChannel, invokeChannel } from '../../../electron/main/transport/ipc/channels';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer as the bridge sees it, plus a way to play main. */
/** Main as the adapter answers: the request's id back, with a Result. */
const answer = (result: unknown) => async (_channel: string, request: unknown) => ({ id: (request as { id: number }).id, result });

function fakeIpcRenderer(reply: (channel: string, ...args: unknown[]) => Promise<unknown> = answer({ ok: true, value: 'pong' })) {
  const invocations: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke(channel, ...args) {
      invocations.push([channel, ...args]);
      return reply(channel, ...args);
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  /** What a real ipc event carries: a handle on ipcRenderer itself, which the page must never get. */
  const rawEvent = { sender: ipc, ports: [] };
  const emit = (message: unknown) => {
    for (const listener of listeners.get(eventChannel) ?? []) listener(rawEvent, message);
  };
  const listenerCount = () => listeners.get(eventChannel)?.size ?? 0;
  return { ipc, invocations, emit, listenerCount };
}

describe('preload bridge: commands', () => {
  it('sends a contract command on the one invoke channel as the envelope {id, name, input} and returns the result of main\'s {id, result}', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(await bridge.invoke('queue.list', { search: 'ITQ' })).toEqual({ ok: true, value: 'pong' });
    expect(await bridge.invoke('sync.status', {})).toEqual({ ok: true, value: 'pong' });
    expect(fake.invocations).toEqual([
      [invokeChannel, { id: 1, name: 'queue.list', input: { search: 'ITQ' } }],
      [invokeChannel, { id: 2, name: 'sync.status', input: {} }],
    ]);
  });

  it('does not take a reply under another id, or without a Result, for the answer', async () => {
    const wrongId = createBridge(fakeIpcRenderer(async () => ({ id: 99, result: { ok: true, value: 'not yours' } })).ipc);
    expect(await wrongId.invoke('sync.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const bare = createBridge(fakeIpcRenderer(async () => ({ ok: true, value: 'no envelope' })).ipc);
    expect(await bare.invoke('sync.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const refused = createBridge(fakeIpcRenderer(answer({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } })).ipc);
    expect(await refused.invoke('sync.status', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
  });

  it('refuses names outside the contract without an ipc call, prototype names included', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const invoke = bridge.invoke as (name: unknown, input?: unknown) => Promise<unknown>;
    for (const name of ['pack.nothing', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, { toString: () => 'queue.list' }]) {
      expect(await invoke(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
    expect(fake.invocations).toEqual([]);
  });

  it('turns a failed ipc call or a malformed reply into an INTERNAL Result instead of a throw', async () => {
    const failing = createBridge(fakeIpcRenderer(() => Promise.reject(new Error("No handler registered for 'packdesk:invoke'"))).ipc);
    expect(await failing.invoke('sync.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const odd = createBridge(fakeIpcRenderer(async () => 'surprise').ipc);
    expect(await odd.invoke('sync.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('preload bridge: events', () => {
  it('delivers only the payload of the subscribed event, never the raw ipc event', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const seen: unknown[][] = [];
    bridge.on('queue.changed', (...args: unknown[]) => seen.push(args));
    fake.emit({ event: 'queue.changed', payload: { idpicklists: [5] }, revision: 41 });
    fake.emit({ event: 'sync.status', payload: { state: 'idle' }, revision: 42 });
    fake.emit({ event: 'not.an.event', payload: 1 });
    fake.emit('garbage');
    // The payload and main's revision of it: nothing of the ipc event itself.
    expect(seen).toEqual([[{ idpicklists: [5] }, 41]]);
  });

  it('refuses unknown event names, prototype names included, and non-function callbacks', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const on = bridge.on as (name: unknown, callback: unknown) => () => void;
    for (const name of ['pack.nothing', '__proto__', 'constructor', 'toString', 7]) {
      expect(() => on(name, () => undefined), String(name)).toThrow(/Unknown event/);
    }
    expect(() => on('queue.changed', 'not a function')).toThrow(TypeError);
    expect(fake.listenerCount()).toBe(0);
  });

  it('unsubscribes: the callback stops, and the last unsubscribe removes the ipc listener', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.on('queue.changed', first);
    const offSecond = bridge.on('app.state', second);
    expect(fake.listenerCount()).toBe(1);

    offFirst();
    offFirst();
    fake.emit({ event: 'queue.changed', payload: { idpicklists: [] } });
    expect(first).not.toHaveBeenCalled();
    expect(fake.listenerCount()).toBe(1);

    offSecond();
    expect(fake.listenerCount()).toBe(0);
    bridge.on('queue.changed', first);
    expect(fake.listenerCount()).toBe(1);
  });

  it('counts the same callback subscribed twice as two subscriptions', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const callback = vi.fn();
    const off = bridge.on('queue.changed', callback);
    bridge.on('queue.changed', callback);
    off();
    fake.emit({ event: 'queue.changed', payload: { idpicklists: [1] } });
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other subscribers when one throws', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    bridge.on('queue.changed', () => {
      throw new Error('store bug');
    });
    bridge.on('queue.changed', after);
    fake.emit({ event: 'queue.changed', payload: { idpicklists: [] } });
    expect(after).toHaveBeenCalledOnce();
    quiet.mockRestore();
  });
});

describe('preload bridge: its shape', () => {
  it('has exactly invoke and on, frozen, and nothing that leads to ipcRenderer', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Reflect.ownKeys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
    expect(Object.values(bridge)).not.toContain(fake.ipc);
    expect(() => Object.assign(bridge, { send: () => undefined })).toThrow();
  });
});
