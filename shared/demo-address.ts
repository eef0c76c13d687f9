/*
 * What the station knows of its embedded demo without loading it: the demo Picqer
 * (electron/picqer-demo/) is imported lazily, only for demo and practice mode, so its address line
 * and seed name live here, where the station's bundle and the demo's own CLI both read them.
 */

/** The demo warehouse's seed: the embedded demo and `npm run demo-backend` serve the same data by default. */
export const demoSeed = 'packdesk-demo';

/** Where a demo warehouse listens and the key it takes: public, so a newcomer can try it with another client. */
export interface DemoAddress {
  url: string;
  apiKey: string;
  seed: string;
}

/**
 * The one stdout line a newcomer looks for, the same from the station (its embedded demo) and from
 * `npm run demo-backend`: the same seed there means the same picklists and barcodes.
 */
export function demoLine(address: DemoAddress, note?: string): string {
  return `Demo Picqer at ${address.url}, API key: ${address.apiKey} (seed "${address.seed}"${note ? `, ${note}` : ''})\n`;
}
