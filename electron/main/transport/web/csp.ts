/**
 * The Content-Security-Policy for the renderer page, in one place for both transports. It mirrors
 * the meta tag in renderer/index.html (the only delivery that works for file:// pages in
 * Electron) and adds what a meta tag cannot carry (frame-ancestors). When both the header and
 * the meta tag are present the browser enforces both, so the two must not drift apart: a
 * directive stricter here than in the meta tag silently breaks the page in one mode only.
 */
export interface CspOptions {
  /** Extra connect-src sources, e.g. the event WebSocket's exact ws:// origins in browser mode. */
  connectSrc?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Array<[string, readonly string[]]> = [
    ['default-src', ["'self'"]],
    // No inline script and no eval: an injected string (a customer name, an order remark) can
    // never become code.
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['connect-src', ["'self'", ...(options.connectSrc ?? [])]],
    // Product images may come from Picqer's https CDN or the demo backend on loopback.
    ['img-src', ["'self'", 'data:', 'http://127.0.0.1:*', 'https:']],
    ['font-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    // Nobody may frame the station (clickjacking a "complete" button); only a header can say it.
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
