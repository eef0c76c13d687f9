import { z } from 'zod';
import { language } from './domain';
import { cutOffTime } from './cut-off';
import { problemAction } from './packing';

/*
 * The station settings a person can change in the app as well as in the config file. One schema
 * for both, so the file and the Settings screen accept and refuse the same things with the same
 * words. What Settings saves lies over the file (docs/station-setup.md, "Station config").
 */

/**
 * A minimum shelf life for part of the goods: units of orders carrying a tag (on the order, its
 * picklist or the product) or from a webshop (as the queue names it) need at least `days`. The
 * station-wide minShelfLifeDays stays the default; the largest minimum that matches a unit wins.
 */
export const shelfLifeRule = z
  .object({
    match: z.enum(['tag', 'webshop'], 'A rule is for a tag or for a webshop'),
    value: z.string().trim().min(1, 'Name the tag or webshop the rule is for').max(100, 'At most 100 characters for the tag or webshop'),
    days: z.number().int('Whole days').min(1, 'At least 1 day').max(3650, 'At most 3650 days'),
  })
  .strict();
export type ShelfLifeRule = z.infer<typeof shelfLifeRule>;

/** The key two rules may not share: the same kind and the same tag or webshop, in any case. */
export const shelfLifeRuleKey = (rule: Pick<ShelfLifeRule, 'match' | 'value'>): string => `${rule.match}:${rule.value.trim().toLowerCase()}`;

export const shelfLifeRules = z
  .array(shelfLifeRule)
  .max(100, 'At most 100 shelf-life rules')
  .refine((rules) => new Set(rules.map(shelfLifeRuleKey)).size === rules.length, 'One shelf-life rule per tag or webshop: one is there twice');

/** What Settings offers for a shelf-life rule: the tag titles and webshops the cache knows. */
export const shelfLifeChoices = z.object({ tags: z.array(z.string()), webshops: z.array(z.string()) });
export type ShelfLifeChoices = z.infer<typeof shelfLifeChoices>;

export const packingSettings = z
  .object({
    /** Complete by itself on the last verified unit (default); otherwise Enter or COMPLETE. */
    autoComplete: z.boolean().optional(),
    /** What a reported problem does to the picklist in Picqer besides the comment. */
    problemAction: problemAction.optional(),
    /** Snooze length for problemAction "snooze", in hours. */
    snoozeHours: z.number().int().min(1, 'Snooze for at least 1 hour').max(720, 'Snooze for at most 720 hours (30 days)').optional(),
    /** Order field titles shown on the pack screen; all fields when absent. */
    orderFields: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    /** Packing slips made by Packdesk (default), or Picqer's packinglistpdf as it is. */
    packingSlip: z.enum(['local', 'picqer']).optional(),
    /**
     * The weight check, off when absent: a one-box parcel whose given weight differs from its
     * lines' weight by more than the larger of these does not complete.
     */
    weightTolerance: z
      .object({
        grams: z.number().int('Whole grams').min(0).max(10_000, 'At most 10,000 g'),
        percent: z.number().min(0).max(100, 'At most 100 %'),
      })
      .strict()
      .optional(),
    /** Refuse a unit whose GS1 best-before date (AI 17) is sooner than this many days from today; 0 or absent: off. */
    minShelfLifeDays: z.number().int().min(0).max(3650, 'At most 3650 days').optional(),
    /** Stricter minimums per tag or webshop over minShelfLifeDays; absent: the default alone. */
    shelfLifeRules: shelfLifeRules.optional(),
    /** The title of the Picqer product tag whose products count only with a serial number (GS1 AI 21, scanned or typed); absent: off. */
    serialTag: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type PackingSettings = z.infer<typeof packingSettings>;

/** The carriers' cut-offs: by when each shipping profile's parcels must be packed to leave today. */
export const shippingSettings = z
  .object({
    cutOffs: z
      .array(z.object({ idshippingproviderProfile: z.number().int().positive(), time: cutOffTime }).strict())
      .max(200)
      .refine((list) => new Set(list.map((c) => c.idshippingproviderProfile)).size === list.length, 'One cut-off per shipping profile')
      .optional(),
  })
  .strict();
export type ShippingSettings = z.infer<typeof shippingSettings>;

/** A cached shipping profile with its carrier's name, as Settings lists them for their cut-offs. */
export const shippingProfileChoice = z.object({ idshippingproviderProfile: z.number().int(), carrier: z.string(), name: z.string() });
export type ShippingProfileChoice = z.infer<typeof shippingProfileChoice>;

/** The sender block on packing slips; the warehouse's name when absent. */
export const companySettings = z
  .object({
    name: z.string().trim().min(1, 'Enter the company name').max(100),
    address: z.array(z.string().trim().max(120)).max(6, 'At most 6 address lines').optional(),
    /** A PNG or JPEG file on this station. */
    logo: z.string().trim().min(1).max(1024).optional(),
  })
  .strict();
export type CompanySettings = z.infer<typeof companySettings>;

export const stationSettings = z
  .object({
    name: z.string().trim().min(1, 'Enter a station name').max(60).optional(),
    language: language.optional(),
    /** A Picqer iduser signed in at start: a station with one fixed packer. */
    packer: z.number().int().positive().optional(),
    /** Signs the packer out after this many minutes without a scan or action; 0: never. Default 15, or never with a fixed packer. */
    idleSignOutMinutes: z.number().min(0).max(720, 'At most 720 minutes').optional(),
  })
  .strict();
export type StationSettings = z.infer<typeof stationSettings>;

/**
 * This computer, in the desktop app only (browser mode has no window of its own to manage):
 * start Packdesk when the user logs in, and fill the screen as a kiosk.
 */
export const desktopSettings = z
  .object({
    /** Windows and macOS through the OS's login items; Linux through an XDG autostart entry. */
    startAtLogin: z.boolean().optional(),
    /** A kiosk: the window fills the screen with no way out but quitting the app. */
    fullScreen: z.boolean().optional(),
  })
  .strict();
export type DesktopSettings = z.infer<typeof desktopSettings>;

/**
 * Where the desktop app looks for a newer version: a plain HTTPS folder with the installers and
 * electron-builder's latest*.yml files. Only the config file sets it (the IT person's choice for
 * the fleet); no updates are looked for without it.
 */
export const updatesConfig = z
  .object({
    url: z.url({ protocol: /^https$/, error: 'Enter the https:// address of the update folder' }).max(2048),
  })
  .strict();
export type UpdatesConfig = z.infer<typeof updatesConfig>;

/** What Settings shows: the values in force, and for each section whether Settings or the file set it. */
export const settingsView = z.object({
  station: stationSettings,
  packing: packingSettings,
  shipping: shippingSettings,
  company: companySettings.nullable(),
  desktop: desktopSettings,
  /** The update folder from the config file; null: updates are off. */
  updates: updatesConfig.nullable(),
  sources: z.object({
    station: z.enum(['settings', 'file', 'default']),
    packing: z.enum(['settings', 'file', 'default']),
    shipping: z.enum(['settings', 'file', 'default']),
    company: z.enum(['settings', 'file', 'default']),
    desktop: z.enum(['settings', 'file', 'default']),
  }),
});
export type SettingsView = z.infer<typeof settingsView>;

export const settingsUpdate = z.discriminatedUnion('section', [
  z.object({ section: z.literal('station'), value: stationSettings.pick({ name: true, language: true, idleSignOutMinutes: true }) }).strict(),
  z.object({ section: z.literal('packing'), value: packingSettings }).strict(),
  z.object({ section: z.literal('shipping'), value: shippingSettings }).strict(),
  z.object({ section: z.literal('company'), value: companySettings.nullable() }).strict(),
  z.object({ section: z.literal('desktop'), value: desktopSettings }).strict(),
]);
export type SettingsUpdate = z.infer<typeof settingsUpdate>;
