import type { RawPicklist, RawShipment, RawTag } from './types';

/** Which of Picqer's historical shapes the demo sends, so the client is tested against each. */
export type LabelShape = 'both' | 'parcels' | 'toplevel';
export type PicklistTagShape = 'array' | 'object';

/** Picklist tags were an object keyed by title until Picqer's 2025-10-02 change to an array. */
export function presentPicklist(picklist: RawPicklist, tagShape: PicklistTagShape): RawPicklist | (Omit<RawPicklist, 'tags'> & { tags: Record<string, RawTag> }) {
  if (tagShape === 'array') return picklist;
  return { ...picklist, tags: Object.fromEntries(picklist.tags.map((t) => [t.title, t])) };
}

/** Newer shipments carry labels per parcel; older ones only the top-level label and tracking fields. */
export function presentShipment(shipment: RawShipment, shape: LabelShape): Partial<RawShipment> {
  if (shape === 'both') return shipment;
  if (shape === 'toplevel') {
    const { parcels: _parcels, ...rest } = shipment;
    return rest;
  }
  const { labelurl: _a, labelurl_pdf: _b, labelurl_zpl: _c, trackingcode: _d, trackingurl: _e, tracktraceurl: _f, ...rest } = shipment;
  return rest;
}
