/*
 * What Packdesk fetches from a URL the backend handed it (a carrier label, a product image). Those
 * URLs come from data, not from us: a compromised or confused backend could point them at the
 * station's own network, at a plain-http host a neighbour can tamper with, or at an HTML page
 * that would be printed as garbage. Pure decisions, used by the Picqer client's download.
 */

export type DocumentKind = 'label' | 'image';

/** The formats a label may come in: what the printers take (PDF, ZPL) and a PNG some carriers send. */
export type LabelFormat = 'pdf' | 'zpl' | 'png';

export type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A label is a page or two; 8 MB is far past any real one and stops a runaway download. */
export const maxLabelBytes = 8 * 1024 * 1024;
export const maxImageBytes = 5 * 1024 * 1024;
export const maxRedirects = 3;
const maxUrlLength = 4096;

export function maxBytesFor(kind: DocumentKind): number {
  return kind === 'label' ? maxLabelBytes : maxImageBytes;
}

/** 127.0.0.0/8, ::1 and localhost: the demo backend lives there, and nothing else on the network. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A document URL Packdesk may fetch: https anywhere, http only on loopback (the demo backend).
 * Credentials in the URL are refused: they would be sent to whatever host the URL names.
 */
export function checkDocumentUrl(raw: string): Verdict<URL> {
  if (raw.length === 0) return { ok: false, reason: 'the link is empty' };
  if (raw.length > maxUrlLength) return { ok: false, reason: 'the link is too long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'the link is not a web address' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the link carries a user name or password' };
  if (url.protocol === 'https:') return { ok: true, value: url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, value: url };
  if (url.protocol === 'http:') return { ok: false, reason: 'the link is not secure (http instead of https)' };
  return { ok: false, reason: `links of type ${url.protocol.replace(/:$/, '')} are not fetched` };
}

/**
 * Where a redirect may lead: the same rules as the first URL, so a https link cannot be bounced
 * to plain http or to another scheme on the way.
 */
export function checkRedirect(from: URL, location: string | null): Verdict<URL> {
  if (!location) return { ok: false, reason: 'a redirect without a destination' };
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return { ok: false, reason: 'a redirect to something that is not a web address' };
  }
  return checkDocumentUrl(target.toString());
}

const pdfTypes = new Set(['application/pdf', 'application/x-pdf']);
/** There is no registered type for ZPL; these are what carriers and label services send. */
const zplTypes = new Set(['text/plain', 'application/zpl', 'application/x-zpl', 'text/zpl', 'text/x-zpl', 'application/vnd.zebra-zpl']);
const genericTypes = new Set(['application/octet-stream', 'binary/octet-stream', 'application/download', 'application/force-download']);

/** `Application/PDF; charset=binary` -> `application/pdf`. */
export function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPdf(body: Buffer): boolean {
  return body.subarray(0, 5).toString('latin1') === '%PDF-';
}

export function isPng(body: Buffer): boolean {
  return body.subarray(0, pngSignature.length).equals(pngSignature);
}

/**
 * ZPL is commands from its first character (^ or ~; setup commands and downloaded graphics may
 * come before the label's ^XA), with a ^XA early on.
 */
export function isZpl(body: Buffer): boolean {
  const head = body.subarray(0, 64 * 1024).toString('latin1').trimStart();
  return (head.startsWith('^') || head.startsWith('~')) && /\^XA/i.test(head);
}

function looksLikeHtml(body: Buffer): boolean {
  const head = body.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<?xml') || head.startsWith('<head') || head.startsWith('<body');
}

function sniffLabel(body: Buffer): LabelFormat | null {
  if (isPdf(body)) return 'pdf';
  if (isPng(body)) return 'png';
  if (isZpl(body)) return 'zpl';
  return null;
}

/**
 * Whether a downloaded body is what was asked for. A label must be a PDF, ZPL or a PNG by its
 * Content-Type, and its first bytes must agree (a "PDF" that is a login page prints as garbage);
 * a generic or missing type is accepted only when the bytes show what it is. An image must be
 * image/*, except SVG, which can carry script.
 */
export function checkDocumentBody(kind: DocumentKind, contentType: string | null, body: Buffer): Verdict<{ format: LabelFormat | null; mediaType: string }> {
  const type = mediaType(contentType);
  if (body.length === 0) return { ok: false, reason: 'the file is empty' };
  if (type === 'text/html' || type === 'application/xhtml+xml') return { ok: false, reason: 'a web page came back instead of the file' };

  if (kind === 'image') {
    if (type === null || !type.startsWith('image/')) return { ok: false, reason: `not an image (${type ?? 'no content type'})` };
    if (type === 'image/svg+xml') return { ok: false, reason: 'SVG images are not accepted' };
    return { ok: true, value: { format: isPng(body) ? 'png' : null, mediaType: type } };
  }

  if (type === null || genericTypes.has(type)) {
    const sniffed = sniffLabel(body);
    if (!sniffed) return { ok: false, reason: `the file is not a PDF, ZPL or PNG label (${type ?? 'no content type'})` };
    return { ok: true, value: { format: sniffed, mediaType: type ?? 'application/octet-stream' } };
  }
  if (pdfTypes.has(type)) {
    return isPdf(body) ? { ok: true, value: { format: 'pdf', mediaType: type } } : { ok: false, reason: 'the file says it is a PDF but is not one' };
  }
  if (type === 'image/png') {
    return isPng(body) ? { ok: true, value: { format: 'png', mediaType: type } } : { ok: false, reason: 'the file says it is a PNG but is not one' };
  }
  if (zplTypes.has(type)) {
    if (looksLikeHtml(body)) return { ok: false, reason: 'a web page came back instead of the label' };
    return isZpl(body) ? { ok: true, value: { format: 'zpl', mediaType: type } } : { ok: false, reason: 'the text file is not a ZPL label' };
  }
  return { ok: false, reason: `labels of type ${type} are not accepted` };
}
