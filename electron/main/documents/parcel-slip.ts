import type { Database } from 'better-sqlite3';
import type { Language } from '../../../shared/domain';
import type { StationConfig } from '../config/station-config';
import { warehouseNameOfPicklist } from '../db/queries/picklists';
import { renderPackingSlip, slipSizeForMedia, type SlipCompany, type SlipSize } from './packing-slip';
import { packingSlipInputFor } from './packing-slip-input';

/*
 * The packing slip of a completed parcel, as the outbox's 'documents' step makes it: the station's
 * settings resolved once from the config, the slip itself from the cache.
 */

export interface PackingSlipSettings {
  /** 'picqer' prints Picqer's packinglistpdf instead, for warehouses with their own template there. */
  source: 'local' | 'picqer';
  size: SlipSize;
  /** null: the warehouse's name. */
  company: SlipCompany | null;
  orderFields: string[] | null;
  /** For orders that name no language. */
  language: Language;
}

export const defaultPackingSlipSettings: PackingSlipSettings = { source: 'local', size: 'A4', company: null, orderFields: null, language: 'nl' };

export function packingSlipSettingsFrom(config: StationConfig, language: Language): PackingSlipSettings {
  const printer = config.printers?.packingSlip;
  const media = printer && 'media' in printer ? printer.media : undefined;
  const company = config.company;
  return {
    source: config.packing?.packingSlip ?? 'local',
    size: slipSizeForMedia(media),
    company: company ? { name: company.name, address: company.address ?? [], ...(company.logo ? { logoPath: company.logo } : {}) } : null,
    orderFields: config.packing?.orderFields ?? null,
    language,
  };
}

/** The slip as a PDF, or null when the picklist is not cached (the caller falls back to Picqer's). */
export async function renderParcelSlip(
  db: Database,
  idpicklist: number,
  settings: PackingSlipSettings,
  date: Date,
  box?: { box: number; of: number },
): Promise<Buffer | null> {
  const found = packingSlipInputFor(db, idpicklist, { date, orderFields: settings.orderFields, fallbackLanguage: settings.language });
  if (!found) return null;
  const company = settings.company ?? { name: warehouseNameOfPicklist(db, idpicklist) ?? 'Packdesk', address: [] };
  return renderPackingSlip(found.input, { size: settings.size, language: found.language, company, ...(box ? { box } : {}) });
}
