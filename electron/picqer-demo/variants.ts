/*
 * Where Picqer's documentation leaves a behaviour open, the demo can play each reading, one switch
 * per behaviour (`--variant NAME[=VALUE]`, repeatable; `variants` in startDemoBackend). The station
 * is tested under every one (issue 13), so a guess in the client cannot hide behind the same guess
 * in the demo. The default of each switch is the reading the demo played before it had switches.
 */

export interface DemoVariants {
  /** Picking everything (pickall, or the last pick) closes the picklist by itself. */
  pickallCloses: boolean;
  /** Cancelling a shipment leaves a closed picklist closed (instead of opening it again). */
  cancelKeepsClosed: boolean;
  /** GET /picklists/{id}/shippingmethods marks no method `selected`. */
  noSelectedFlag: boolean;
  /** GET /picking-containers answers this status (an account without the feature), or null. */
  noContainers: 401 | 403 | 404 | null;
  /** GET /products ignores `updated_after` and answers the whole list. */
  ignoresUpdatedAfter: boolean;
  /** GET /users/me does not answer for an API key. */
  noUsersMe: boolean;
  /** POST /picklists/{id}/pause does not exist (404); only the order's pause does. */
  noPicklistPause: boolean;
  /** GET /picklists/batches[/{id}] answers this status (an account without batches), or null. */
  noBatches: 401 | 403 | 404 | null;
  /**
   * The batch detail's picklists[] entries carry only `idpicklist` and products[] only ids, name
   * and per-picklist `amount`: the least the undocumented entries could hold.
   */
  bareBatchEntries: boolean;
  /**
   * POST /picklists/{id}/shipments with two or more `parcels` (multi-colli, Picqer's changelog
   * 2025-12-16): `refused` answers as Picqer refuses a shipment (400, error_code 26), as for an
   * account or carrier without multi-colli; `ignored` makes a shipment of one parcel, as a
   * carrier that takes the first parcel only. null: every carrier takes parcels (DPD aside).
   */
  multicolli: 'refused' | 'ignored' | null;
  /** GET /packingstations answers this status (an account whose API does not offer them), or null. */
  noPackingStations: 401 | 403 | 404 | null;
}

export const defaultVariants: DemoVariants = {
  pickallCloses: false,
  cancelKeepsClosed: false,
  noSelectedFlag: false,
  noContainers: null,
  ignoresUpdatedAfter: false,
  noUsersMe: false,
  noPicklistPause: false,
  noBatches: null,
  bareBatchEntries: false,
  multicolli: null,
  noPackingStations: null,
};

/** The switch names as the CLI spells them, each with how it reads its value. */
const switches: { [K in keyof DemoVariants]: { name: string; read(value: string | undefined): DemoVariants[K] } } = {
  pickallCloses: { name: 'pickall-closes', read: flag },
  cancelKeepsClosed: { name: 'cancel-keeps-closed', read: flag },
  noSelectedFlag: { name: 'no-selected-flag', read: flag },
  noContainers: {
    name: 'no-containers',
    read(value) {
      const status = Number(value ?? '404');
      if (status !== 401 && status !== 403 && status !== 404) throw new Error('--variant no-containers takes 401, 403 or 404');
      return status;
    },
  },
  ignoresUpdatedAfter: { name: 'ignores-updated-after', read: flag },
  noUsersMe: { name: 'no-users-me', read: flag },
  noPicklistPause: { name: 'no-picklist-pause', read: flag },
  noBatches: { name: 'no-batches', read: (value) => refusalStatus('no-batches', value) },
  bareBatchEntries: { name: 'bare-batch-entries', read: flag },
  multicolli: {
    name: 'multicolli',
    read(value) {
      if (value !== 'refused' && value !== 'ignored') throw new Error('--variant multicolli takes refused or ignored');
      return value;
    },
  },
  noPackingStations: { name: 'no-packingstations', read: (value) => refusalStatus('no-packingstations', value) },
};

function refusalStatus(name: string, value: string | undefined): 401 | 403 | 404 {
  const status = Number(value ?? '404');
  if (status !== 401 && status !== 403 && status !== 404) throw new Error(`--variant ${name} takes 401, 403 or 404`);
  return status;
}

function flag(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`a variant switch takes no value or true/false, got "${value}"`);
}

export const variantNames: readonly string[] = Object.values(switches).map((s) => s.name);

/** Reads one `NAME[=VALUE]` into `into`; throws an Error naming the known switches on anything else. */
export function applyVariant(into: Partial<DemoVariants>, text: string): void {
  const [name, value] = text.includes('=') ? [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)] : [text, undefined];
  const entry = (Object.entries(switches) as Array<[keyof DemoVariants, (typeof switches)[keyof DemoVariants]]>).find(([, s]) => s.name === name);
  if (!entry) throw new Error(`Unknown variant "${name}"; known: ${variantNames.join(', ')}`);
  const [key, spec] = entry;
  (into as Record<keyof DemoVariants, unknown>)[key] = spec.read(value);
}
