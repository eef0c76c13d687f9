import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import { createDispatcher, type Dispatch, type Handlers } from '../../../electron/main/transport/dispatch';
import { createEventBus } from '../../../electron/main/transport/events';
import { setLogSink } from '../../../electron/main/infra/log';
import {
  eventChannel,
  forwardEvents,
  invokeChannel,
  registerIpcHandlers,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../electron/main/transport/ipc';

// Refusals and crashes are logged on purpose here; keep them out of the test output.
beforeAll(() => setLogSink(() => undefined));

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** ipcMain as far as the adapter can tell: handle/removeHandler, and a way to play the renderer. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike<InvokeEventLike> = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const raw = async (event: InvokeEventLike, ...args: unknown[]): Promise<unknown> => {
    const handler = handlers.get(invokeChannel);
    if (!handler) throw new Error(`No handler registered for '${invokeChannel}'`);
    return handler(event, ...args);
  };
  let lastId = 0;
  /** As the preload sends it: one envelope; answers the reply's result after checking its id. */
  const invoke = async (event: InvokeEventLike, name: unknown, input: unknown): Promise<unknown> => {
    lastId += 1;
    const reply = (await raw(event, { id: lastId, name, input })) as { id: unknown; result: unknown };
    expect(reply.id).toBe(lastId);
    return reply.result;
  };
  return { ipcMain, handlers, invoke, raw };
}

const appUrl = 'file:///opt/packdesk/out/renderer/index.html';
const fromApp: InvokeEventLike = { senderFrame: { url: appUrl }, sender: { id: 1 } };
const fromElsewhere: InvokeEventLike = { senderFrame: { url: 'https://evil.example/' }, sender: { id: 1 } };
const isTrusted = (event: InvokeEventLike) => event.senderFrame?.url === appUrl && event.sender.id === 1;

/** A real dispatcher over the real contract, with handlers only for what the tests call. */
function realDispatch(calls: unknown[]): Dispatch {
  const handlers = {
    'queue.list': (input: unknown) => {
      calls.push(input);
      return [];
    },
    'sync.now': () => {
      throw new Error('boom');
    },
  } as unknown as Handlers;
  return createDispatcher(handlers);
}

describe('ipc adapter: commands', () => {
  it('registers one invoke channel and round-trips a command to the dispatcher', async () => {
    const fake = fakeIpcMain();
    const calls: unknown[] = [];
    registerIpcHandlers(fake.ipcMain, realDispatch(calls), isTrusted);
    expect([...fake.handlers.keys()]).toEqual([invokeChannel]);

    expect(await fake.invoke(fromApp, 'queue.list', { search: 'ITQ' })).toEqual({ ok: true, value: [] });
    expect(calls).toEqual([{ search: 'ITQ' }]);
  });

  it('refuses an untrusted sender with FORBIDDEN before the dispatcher sees anything', async () => {
    const fake = fakeIpcMain();
    const seen: unknown[] = [];
    const dispatch: Dispatch = async (name) => {
      seen.push(name);
      return { ok: true, value: null };
    };
    registerIpcHandlers(fake.ipcMain, dispatch, isTrusted);
    for (const event of [fromElsewhere, { senderFrame: null, sender: { id: 1 } }, { senderFrame: { url: appUrl }, sender: { id: 2 } }]) {
      const reply = (await fake.invoke(event, 'queue.list', {})) as Result<unknown>;
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('FORBIDDEN');
    }
    expect(seen).toEqual([]);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const fake = fakeIpcMain();
    registerIpcHandlers(fake.ipcMain, realDispatch([]), () => {
      throw new Error('frame disposed');
    });
    const reply = (await fake.invoke(fromApp, 'queue.list', {})) as Result<unknown>;
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers UNKNOWN_COMMAND for names outside the contract, prototype names included', async () => {
    const fake = fakeIpcMain();
    registerIpcHandlers(fake.ipcMain, realDispatch([]), isTrusted);
    for (const name of ['pack.nothing', '__proto__', 'constructor', 'toString', '']) {
      const reply = (await fake.invoke(fromApp, name, {})) as Result<unknown>;
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
  });

  it('passes validation failures and handler crashes through as Results, never as a throw', async () => {
    const fake = fakeIpcMain();
    const calls: unknown[] = [];
    registerIpcHandlers(fake.ipcMain, realDispatch(calls), isTrusted);
    const invalid = (await fake.invoke(fromApp, 'queue.list', { search: 'x'.repeat(101) })) as Result<unknown>;
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toEqual([]);
    const crashed = (await fake.invoke(fromApp, 'sync.now', {})) as Result<unknown>;
    expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('turns a dispatcher that throws into INTERNAL', async () => {
    const fake = fakeIpcMain();
    registerIpcHandlers(fake.ipcMain, () => Promise.reject(new Error('bug')), isTrusted);
    expect(await fake.invoke(fromApp, 'queue.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers in the envelope {id, result}; an envelope that is not one gets VALIDATION, under its id when it has one', async () => {
    const fake = fakeIpcMain();
    const calls: unknown[] = [];
    registerIpcHandlers(fake.ipcMain, realDispatch(calls), isTrusted);
    expect(await fake.raw(fromApp, { id: 41, name: 'queue.list', input: { search: 'A' } })).toEqual({ id: 41, result: { ok: true, value: [] } });
    const bad: Array<[unknown, number | null]> = [
      [{ id: 42, name: 7, input: {} }, 42],
      [{ id: 43, name: 'queue.list', input: {}, extra: true }, 43],
      [{ id: 0, name: 'queue.list' }, null],
      [{ id: 'x', name: 'queue.list' }, null],
      ['queue.list', null],
      [null, null],
    ];
    for (const [message, id] of bad) {
      expect(await fake.raw(fromApp, message)).toMatchObject({ id, result: { ok: false, error: { code: 'VALIDATION' } } });
    }
    expect(await fake.raw(fromElsewhere, { id: 44, name: 'queue.list', input: {} })).toMatchObject({ id: 44, result: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect(calls).toEqual([{ search: 'A' }]);
  });

  it('removes its handler when asked', () => {
    const fake = fakeIpcMain();
    const unregister = registerIpcHandlers(fake.ipcMain, realDispatch([]), isTrusted);
    unregister();
    expect(fake.handlers.size).toBe(0);
  });
});

describe('ipc adapter: events', () => {
  function fakeWebContents() {
    const sent: Array<{ channel: string; payload: unknown }> = [];
    let isDestroyed = false;
    return {
      sent,
      destroy: () => {
        isDestroyed = true;
      },
      target: {
        send(channel: string, payload: unknown) {
          if (isDestroyed) throw new Error('Object has been destroyed');
          sent.push({ channel, payload });
        },
        isDestroyed: () => isDestroyed,
      },
    };
  }

  it('forwards every bus event on the event channel as {event, payload}', () => {
    const bus = createEventBus();
    const contents = fakeWebContents();
    forwardEvents(bus, contents.target);
    bus.emit('queue.changed', { idpicklists: [3] });
    bus.emit('sync.status', { state: 'idle', progress: null, lastSyncedAt: null, message: null });
    expect(contents.sent).toEqual([
      { channel: eventChannel, payload: { event: 'queue.changed', payload: { idpicklists: [3] }, revision: expect.any(Number) } },
      { channel: eventChannel, payload: { event: 'sync.status', payload: { state: 'idle', progress: null, lastSyncedAt: null, message: null }, revision: expect.any(Number) } },
    ]);
  });

  it('stops (and leaves other subscribers alone) once the window is destroyed', () => {
    const bus = createEventBus();
    const closed = fakeWebContents();
    const open = fakeWebContents();
    forwardEvents(bus, closed.target);
    forwardEvents(bus, open.target);
    closed.destroy();
    expect(() => bus.emit('queue.changed', { idpicklists: [1] })).not.toThrow();
    bus.emit('queue.changed', { idpicklists: [2] });
    expect(closed.sent).toEqual([]);
    expect(open.sent).toHaveLength(2);
  });

  it('survives a send that throws, and stops when asked', () => {
    const bus = createEventBus();
    let calls = 0;
    const stop = forwardEvents(bus, {
      send() {
        calls += 1;
        throw new Error('An object could not be cloned');
      },
      isDestroyed: () => false,
    });
    expect(() => bus.emit('queue.changed', { idpicklists: [] })).not.toThrow();
    stop();
    bus.emit('queue.changed', { idpicklists: [] });
    expect(calls).toBe(1);
  });
});
