import { startDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../electron/picqer-demo/server';

/** A small raw HTTP client for the demo backend tests: Picqer's headers, no retries, no parsing magic. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Api {
  backend: DemoBackend;
  get<T = unknown>(path: string, init?: { headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  del<T = unknown>(path: string): Promise<ApiResponse<T>>;
  raw(path: string, init: RequestInit): Promise<Response>;
}

export const testKey = 'test-key';

export function basicAuth(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

export const defaultHeaders = (): Record<string, string> => ({
  'User-Agent': 'PackdeskTests/1.0 (tests@example.com)',
  Authorization: basicAuth(testKey),
  Accept: 'application/json',
  'Content-Type': 'application/json',
});

async function toResponse<T>(response: Response): Promise<ApiResponse<T>> {
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

export async function startApi(options: DemoBackendOptions = {}): Promise<Api> {
  const backend = await startDemoBackend({ seed: 'tests', ...options });
  const raw = (path: string, init: RequestInit) => fetch(backend.url + path, init);
  const call = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    toResponse<T>(
      await raw(path, {
        method,
        headers: { ...defaultHeaders(), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return {
    backend,
    get: (path, init) => call('GET', path, undefined, init?.headers),
    post: (path, body) => call('POST', path, body ?? {}),
    del: (path) => call('DELETE', path),
    raw,
  };
}
