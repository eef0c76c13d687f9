import { describe, expect, it } from 'vitest';
import { allowedFor, findToken, isAllowedHost, isAllowedOrigin, isLoopbackAddress, tokensEqual } from '../../../electron/main/transport/web/guards';

const port = 43210;
const allowed = allowedFor(port);
const token = 'guards-test-token-0123456789abcdef';

describe('isAllowedHost: DNS rebinding', () => {
  it('takes only our own loopback names with our port', () => {
    expect(isAllowedHost({ host: `127.0.0.1:${port}` }, allowed)).toBe(true);
    expect(isAllowedHost({ host: `LOCALHOST:${port}` }, allowed)).toBe(true);
    for (const host of [
      undefined,
      '',
      'evil.example',
      `evil.example:${port}`,
      `localhost.:${port}`,
      `127.0.0.1.:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `[::1]:${port}`,
      `0.0.0.0:${port}`,
      `127.0.0.2:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
    ]) {
      expect(isAllowedHost(host === undefined ? {} : { host }, allowed), String(host)).toBe(false);
    }
  });
});

describe('isAllowedOrigin', () => {
  it('takes no Origin (a non-browser client) or our own, nothing else', () => {
    expect(isAllowedOrigin({}, allowed)).toBe(true);
    expect(isAllowedOrigin({ origin: `http://127.0.0.1:${port}` }, allowed)).toBe(true);
    expect(isAllowedOrigin({ origin: `http://localhost:${port}` }, allowed)).toBe(true);
    for (const origin of ['null', '', 'http://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost.evil.example:${port}`, 'file://']) {
      expect(isAllowedOrigin({ origin }, allowed), origin).toBe(false);
    }
  });
});

describe('findToken', () => {
  const none = new URLSearchParams();
  it('finds the token in the header or the query, and the cookie only where allowed', () => {
    expect(findToken({ 'x-packdesk-token': token }, none, token, false)).toBe('header');
    expect(findToken({}, new URLSearchParams({ token }), token, false)).toBe('query');
    expect(findToken({ cookie: `packdesk_token=${token}` }, none, token, false)).toBeNull();
    expect(findToken({ cookie: `other=1; packdesk_token=${token}` }, none, token, true)).toBe('cookie');
  });

  it('refuses no token, a wrong one, a prefix, and a query that names it twice', () => {
    expect(findToken({}, none, token, true)).toBeNull();
    expect(findToken({ 'x-packdesk-token': `${token}x` }, none, token, true)).toBeNull();
    expect(findToken({ 'x-packdesk-token': token.slice(0, 16) }, none, token, true)).toBeNull();
    const twice = new URLSearchParams();
    twice.append('token', token);
    twice.append('token', 'other');
    expect(findToken({}, twice, token, false)).toBeNull();
    expect(tokensEqual('', token)).toBe(false);
  });
});

describe('isLoopbackAddress: where browser mode may listen', () => {
  it('accepts loopback only, never every interface or the network', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', '::ffff:10.0.0.5', 'fe80::1', '']) expect(isLoopbackAddress(address), address).toBe(false);
  });
});
