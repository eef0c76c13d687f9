/*
 * Order references as webshop connectors write them. The PrestaShop module (and connectors that
 * copied it) writes `PS #73 / ITQRFWVHT`: a short shop prefix, the shop's order number and the
 * shop's own order reference. Customers and packers quote the bare `ITQRFWVHT`, so both forms
 * must find the order.
 */

export interface ParsedReference {
  /** The connector's prefix in capitals (`PS`), or null for a plain reference. */
  prefix: string | null;
  /** The webshop's order number (`73`), or null for a plain reference. */
  shopOrderId: string | null;
  /** The webshop's reference (`ITQRFWVHT`); a plain reference is its own shop reference. */
  shopReference: string | null;
}

const prefixed = /^([A-Za-z]{1,3})\s*#\s*([0-9A-Za-z][0-9A-Za-z._-]*)\s*(?:\/\s*(.*?))?\s*$/;

/** Parses a reference; null when there is none. */
export function parseReference(reference: string | null | undefined): ParsedReference | null {
  const text = reference?.trim() ?? '';
  if (text.length === 0) return null;
  const match = prefixed.exec(text);
  if (!match) return { prefix: null, shopOrderId: null, shopReference: text };
  const shopReference = match[3]?.trim() ?? '';
  return {
    prefix: (match[1] ?? '').toUpperCase(),
    shopOrderId: match[2] ?? null,
    shopReference: shopReference.length > 0 ? shopReference : null,
  };
}

/** Prefixes whose shop we can name; any other prefix is shown as it is. */
const knownShops: Record<string, string> = {
  PS: 'PrestaShop',
  WC: 'WooCommerce',
  SW: 'Shopware',
  MG: 'Magento',
};

/** The label the queue shows for a connector prefix (`PS` -> `PrestaShop`). */
export function webshopLabel(prefix: string | null | undefined): string | null {
  if (!prefix) return null;
  const key = prefix.toUpperCase();
  return knownShops[key] ?? key;
}

/** The webshop label for a whole reference, or null for a plain one. */
export function webshopForReference(reference: string | null | undefined): string | null {
  return webshopLabel(parseReference(reference)?.prefix);
}
