import { z } from 'zod';
import { errorCodes } from './errors';

export const languages = ['nl', 'en'] as const;
export const language = z.enum(languages);
export type Language = z.infer<typeof language>;

export const tag = z.object({
  idtag: z.number().int(),
  title: z.string(),
  color: z.string().nullable(),
  textColor: z.string().nullable(),
});
export type Tag = z.infer<typeof tag>;

export const person = z.object({ iduser: z.number().int(), name: z.string() });
export type Person = z.infer<typeof person>;

export const user = person.extend({
  username: z.string(),
  language: z.string().nullable(),
  isActive: z.boolean(),
});
export type User = z.infer<typeof user>;

export const warehouse = z.object({
  idwarehouse: z.number().int(),
  name: z.string(),
  isActive: z.boolean(),
});
export type Warehouse = z.infer<typeof warehouse>;

export const picklistStatuses = ['new', 'paused', 'closed', 'snoozed', 'cancelled'] as const;
export const picklistStatus = z.enum(picklistStatuses);
export type PicklistStatus = z.infer<typeof picklistStatus>;

/** One row of the packer's queue: an open picklist of this station's warehouse. */
export const queueItem = z.object({
  idpicklist: z.number().int(),
  picklistid: z.string(),
  idorder: z.number().int().nullable(),
  orderid: z.string().nullable(),
  customer: z.string(),
  reference: z.string().nullable(),
  webshop: z.string().nullable(),
  lineCount: z.number().int(),
  units: z.number().int(),
  tags: z.array(tag),
  isUrgent: z.boolean(),
  preferredDeliveryDate: z.string().nullable(),
  idshippingproviderProfile: z.number().int().nullable(),
  /** The shipping provider's name (PostNL, DHL, ...), when the profile is cached. */
  carrier: z.string().nullable(),
  /** The cut-off set for the picklist's shipping profile, HH:MM local time; null: none. */
  cutOff: z.string().nullable(),
  assignedTo: person.nullable(),
  status: picklistStatus,
  pausedReason: z.string().nullable(),
  created: z.string().nullable(),
});
export type QueueItem = z.infer<typeof queueItem>;

/**
 * What Picqer answered to a request that failed, as data, so the renderer words it in the packer's
 * language: our error code, the HTTP status, Picqer's error_code and Picqer's own message.
 */
export const picqerAnswer = z.object({
  code: z.enum(errorCodes),
  httpStatus: z.number().int().nullable(),
  picqerErrorCode: z.number().int().nullable(),
  /** Picqer's error_message as it sent it (English), or null. */
  picqerMessage: z.string().nullable(),
});
export type PicqerAnswer = z.infer<typeof picqerAnswer>;

/**
 * Which part of a sync a request belonged to: the list (a bootstrap phase name such as `products`
 * or `picking-containers`, or `picklists` for the new-picklist poll) and, for a paged list, the
 * offset of the page (page = offset / 100 + 1).
 */
export const syncStep = z.object({ list: z.string(), offset: z.number().int().nonnegative().nullable() });
export type SyncStep = z.infer<typeof syncStep>;

export const syncStates = ['idle', 'syncing', 'offline', 'error', 'unauthorized'] as const;
export const syncStatus = z.object({
  state: z.enum(syncStates),
  /** While syncing: what is being pulled and how far along. */
  progress: z
    .object({ phase: z.string(), done: z.number().int(), total: z.number().int().nullable() })
    .nullable(),
  /** When the last complete pull (bootstrap or incremental) finished, ISO 8601. */
  lastSyncedAt: z.string().nullable(),
  /** For error, offline and unauthorized: why, in plain words. */
  message: z.string().nullable(),
  /**
   * Records Picqer sent that Packdesk could not read and set aside (each is in the log with its
   * id and reason); everything else synced. Absent when there are none.
   */
  skipped: z.number().int().nonnegative().optional(),
  /** For error, offline and unauthorized: the request that failed and what Picqer answered, when known. */
  failure: z.object({ step: syncStep, answer: picqerAnswer }).optional(),
  /**
   * Optional lists (everything but products, picklists and orders) the last attempt could not
   * read: sync went on without them and asks again later. Absent when there are none.
   */
  unavailable: z.array(z.object({ list: z.string(), answer: picqerAnswer, at: z.string() })).optional(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const backendKinds = ['demo', 'picqer', 'url'] as const;

/**
 * Whether shift-lead actions are unlocked (electron/main/people/shift-lead.ts). Never the PIN or
 * its hash: only whether one is set, the listed leads' ids and who unlocked until when.
 */
export const leadState = z.object({
  /** A PIN or a listed lead: shift-lead actions wait for an unlock. False: anyone may change the station. */
  isProtected: z.boolean(),
  hasPin: z.boolean(),
  /** Picqer user ids whose signed badge unlocks. */
  leads: z.array(z.number().int()),
  isUnlocked: z.boolean(),
  /** Who unlocked: the lead whose badge it was, or the packer signed in when the PIN was typed. */
  unlockedBy: person.nullable(),
  unlockedWith: z.enum(['pin', 'badge']).nullable(),
  unlockedUntil: z.string().nullable(),
  /** After too many wrong PINs, no PIN is tried until then. */
  lockedOutUntil: z.string().nullable(),
});
export type LeadState = z.infer<typeof leadState>;

/** A station with no PIN and no lead: everything open, as before shift leads existed. */
export const openLeadState: LeadState = {
  isProtected: false,
  hasPin: false,
  leads: [],
  isUnlocked: false,
  unlockedBy: null,
  unlockedWith: null,
  unlockedUntil: null,
  lockedOutUntil: null,
};

/** What the renderer may know about the station. Never holds the API key. */
export const appState = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'web']),
  backend: z.object({ kind: z.enum(backendKinds), label: z.string() }).nullable(),
  isDemo: z.boolean(),
  /** Practice mode: the trainee packs on a demo warehouse of its own; nothing reaches Picqer. */
  isPractice: z.boolean(),
  /** Backend, warehouse and station name are known: the queue can be shown. */
  isConfigured: z.boolean(),
  warehouse: warehouse.nullable(),
  stationName: z.string().nullable(),
  language,
  packer: person.nullable(),
  lead: leadState,
});
export type AppState = z.infer<typeof appState>;
