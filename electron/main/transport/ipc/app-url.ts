export interface AppUrlOptions {
  /** file:// URL of the built renderer's index.html (pathToFileURL(...).href). */
  indexFileUrl: string;
  /** A renderer dev server, only ever honoured in an unpackaged app and only on loopback. */
  devServerUrl?: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Builds the one test for "is this our own page": used for ipc senders and for every navigation.
 * URLs are compared after parsing, never with startsWith (the security checklist's example:
 * `https://example.com.attacker.com` passes a prefix test). For file:// only the exact index.html
 * counts, not "any local file": a file:// origin is otherwise every file on the disk.
 */
export function createAppUrlCheck(options: AppUrlOptions): (url: string) => boolean {
  const index = new URL(options.indexFileUrl);
  if (index.protocol !== 'file:') throw new Error('indexFileUrl must be a file:// URL');
  const indexKey = `${index.host}${index.pathname}`;

  let devOrigin: string | null = null;
  if (options.devServerUrl) {
    const dev = new URL(options.devServerUrl);
    if ((dev.protocol !== 'http:' && dev.protocol !== 'https:') || !loopbackHosts.has(dev.hostname)) {
      throw new Error('The renderer dev server must be http(s) on loopback');
    }
    devOrigin = dev.origin;
  }

  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'file:') return `${parsed.host}${parsed.pathname}` === indexKey;
    return devOrigin !== null && parsed.origin === devOrigin;
  };
}
