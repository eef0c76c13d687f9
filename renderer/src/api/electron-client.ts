import type { EventName, EventPayload } from '../../../shared/contract';
import type { ApiClient, ConnectionState } from './client';
import { toApiError, unwrapResult } from './client';
import type { PackdeskBridge } from './bridge-types';

export function createElectronClient(bridge: PackdeskBridge): ApiClient {
  return {
    mode: 'electron',
    async invoke(name, input) {
      let body: unknown;
      try {
        body = await bridge.invoke(name, input);
      } catch (error) {
        throw toApiError(error);
      }
      return unwrapResult(body);
    },
    async read(name, input) {
      let body: Awaited<ReturnType<PackdeskBridge['invoke']>>;
      try {
        body = await bridge.invoke(name, input);
      } catch (error) {
        throw toApiError(error);
      }
      return { value: unwrapResult(body), revision: body.revision ?? 0 };
    },
    on<E extends EventName>(name: E, cb: (payload: EventPayload<E>, revision: number) => void) {
      return bridge.on(name, (payload, revision) => cb(payload as EventPayload<E>, revision));
    },
    connectionState(): ConnectionState {
      return 'open';
    },
    onConnectionState() {
      return () => undefined;
    },
    close() {},
  };
}
