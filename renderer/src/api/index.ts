import type { ApiClient } from './client';
import { createElectronClient } from './electron-client';
import { createBrowserWebClient } from './web-client';

export type { ApiClient, ConnectionState, TransportMode } from './client';
export { ApiError, toApiError } from './client';

/**
 * Picks the transport once, at start-up: Electron's preload puts `window.packdesk` in place
 * before any page script runs, so its absence means the page was served by browser mode.
 */
export function createApiClient(): ApiClient {
  const bridge = window.packdesk;
  if (bridge) return createElectronClient(bridge);
  return createBrowserWebClient();
}
