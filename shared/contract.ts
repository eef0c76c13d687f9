import { z } from 'zod';
import { appState, language, queueItem, syncStatus, user, warehouse, person } from './domain';

const empty = z.object({}).strict();

export const backendInput = z.union([
  z.object({ demo: z.literal(true) }).strict(),
  z
    .object({
      subdomain: z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'Use only the subdomain, e.g. "acme" for acme.picqer.com'),
      apiKey: z.string().trim().min(1).max(200),
    })
    .strict(),
  z.object({ url: z.url({ protocol: /^https?$/ }), apiKey: z.string().trim().min(1).max(200) }).strict(),
]);
export type BackendInput = z.infer<typeof backendInput>;

/**
 * Every request the renderer can make of main. Both transports (Electron ipc and browser mode)
 * are generic over this table; a handler table is checked against it with `satisfies`.
 */
export const commands = {
  'app.state': { input: empty, output: appState },
  'setup.connect': {
    input: z.object({ backend: backendInput }).strict(),
    output: z.object({ user: person, warehouses: z.array(warehouse) }),
  },
  'setup.warehouses': { input: empty, output: z.array(warehouse) },
  'setup.users': { input: empty, output: z.array(user) },
  'setup.save': {
    input: z
      .object({
        warehouse: z.number().int().positive(),
        stationName: z.string().trim().min(1).max(60),
        language,
        packer: z.number().int().positive().nullable(),
      })
      .strict(),
    output: appState,
  },
  /** Leaves Setup without saving: a connection made there is dropped, the station stays as it was. */
  'setup.cancel': { input: empty, output: appState },
  'packer.signIn': { input: z.object({ iduser: z.number().int().positive() }).strict(), output: appState },
  'packer.signOut': { input: empty, output: appState },
  'queue.list': {
    input: z.object({ search: z.string().max(100).optional() }).strict(),
    output: z.array(queueItem),
  },
  'sync.status': { input: empty, output: syncStatus },
  'sync.now': { input: empty, output: syncStatus },
} as const;

/** Pushes from main to the renderer. */
export const events = {
  'app.state': appState,
  'sync.status': syncStatus,
  /** The cached queue changed; the renderer re-reads it with queue.list. */
  'queue.changed': z.object({ idpicklists: z.array(z.number().int()) }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.infer<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<Commands[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && Object.hasOwn(commands, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
