import type { Person } from '../../../shared/domain';
import type { NewScanEvent } from '../db/queries/scan-events';
import type { Clock } from '../infra/clock';

/*
 * The one place a scan-event row is shaped, for the scan router, the pack service and an open:
 * the station, its packer, the open session and the time come from the station; the caller says
 * what was scanned and what it did, and may override the rest (an open records the packer it
 * opens for, at the time of its transaction).
 */

/** The station a scan is recorded at: its name, who packs there and its clock. */
export interface ScanEventStation {
  clock: Clock;
  stationName(): string;
  packer(): Person | null;
}

/** The pack session the scan belongs to; null when none is open. */
export type ScanEventSession = Readonly<{ id: number; idpicklist: number }> | null;

/** What the caller says of a scan: what was scanned and what it did, plus anything it sets itself. */
export type ScanEventFields = Pick<NewScanEvent, 'code' | 'source' | 'outcome'> & Partial<NewScanEvent>;

export function scanEventOf(station: ScanEventStation, session: ScanEventSession, fields: ScanEventFields): NewScanEvent {
  return {
    packSessionId: session?.id ?? null,
    idpicklist: session?.idpicklist ?? null,
    iduser: station.packer()?.iduser ?? null,
    station: station.stationName(),
    scannedAt: new Date(station.clock.now()).toISOString(),
    ...fields,
  };
}
