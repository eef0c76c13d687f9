import { describe, expect, it } from 'vitest';
import { checkDocumentBody, checkDocumentUrl, checkRedirect, isLoopbackHost, isZpl, maxBytesFor } from '../../../electron/main/picqer/url-policy';

const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);
const zpl = Buffer.from('^XA^FO20,20^FDParcel^FS^XZ');

const reason = (verdict: { ok: boolean; reason?: string }) => (verdict.ok ? 'ok' : verdict.reason);

describe('checkDocumentUrl', () => {
  it('fetches https anywhere and plain http only on loopback', () => {
    expect(checkDocumentUrl('https://labels.carrier.example/a/1.pdf').ok).toBe(true);
    for (const url of ['http://127.0.0.1:8080/demo-labels/1.pdf', 'http://localhost/x.zpl', 'http://[::1]:9000/x.pdf', 'http://127.8.9.10/x']) {
      expect(checkDocumentUrl(url).ok, url).toBe(true);
    }
    expect(reason(checkDocumentUrl('http://labels.carrier.example/1.pdf'))).toBe('the link is not secure (http instead of https)');
    expect(reason(checkDocumentUrl('http://10.0.0.50/1.pdf'))).toBe('the link is not secure (http instead of https)');
    expect(reason(checkDocumentUrl('http://127.0.0.1.evil.example/1.pdf'))).toBe('the link is not secure (http instead of https)');
    expect(reason(checkDocumentUrl('http://localhost.evil.example/1.pdf'))).toBe('the link is not secure (http instead of https)');
  });

  it('refuses other schemes, credentials, empty and absurd links', () => {
    expect(reason(checkDocumentUrl('file:///etc/passwd'))).toBe('links of type file are not fetched');
    expect(reason(checkDocumentUrl('ftp://labels.example/1.pdf'))).toBe('links of type ftp are not fetched');
    expect(reason(checkDocumentUrl('javascript:alert(1)'))).toBe('links of type javascript are not fetched');
    expect(reason(checkDocumentUrl('data:application/pdf;base64,JVBERi0='))).toBe('links of type data are not fetched');
    expect(reason(checkDocumentUrl('https://user:secret@labels.example/1.pdf'))).toBe('the link carries a user name or password');
    expect(reason(checkDocumentUrl(''))).toBe('the link is empty');
    expect(reason(checkDocumentUrl('../../etc/passwd'))).toBe('the link is not a web address');
    expect(reason(checkDocumentUrl(`https://labels.example/${'a'.repeat(5000)}`))).toBe('the link is too long');
  });
});

describe('checkRedirect', () => {
  const from = new URL('https://labels.example/a/1.pdf');
  it('resolves relative redirects and holds every hop to the same rules', () => {
    expect(checkRedirect(from, '/b/1.pdf')).toEqual({ ok: true, value: new URL('https://labels.example/b/1.pdf') });
    expect(checkRedirect(from, 'https://cdn.example/1.pdf').ok).toBe(true);
    expect(reason(checkRedirect(from, 'http://labels.example/1.pdf'))).toBe('the link is not secure (http instead of https)');
    expect(reason(checkRedirect(from, 'file:///etc/passwd'))).toBe('links of type file are not fetched');
    expect(reason(checkRedirect(from, null))).toBe('a redirect without a destination');
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from names that only look like it', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', '192.168.1.1', '127.0.0.1.nip.io', 'localhost.example', '128.0.0.1', '::']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('checkDocumentBody', () => {
  it('takes a label as PDF, ZPL or PNG when the bytes agree with the type', () => {
    expect(checkDocumentBody('label', 'application/pdf', pdf)).toEqual({ ok: true, value: { format: 'pdf', mediaType: 'application/pdf' } });
    expect(checkDocumentBody('label', 'Application/PDF; charset=binary', pdf).ok).toBe(true);
    expect(checkDocumentBody('label', 'application/zpl; charset=utf-8', zpl)).toEqual({ ok: true, value: { format: 'zpl', mediaType: 'application/zpl' } });
    expect(checkDocumentBody('label', 'text/plain', Buffer.from('~SD15\n^XA^XZ')).ok).toBe(true);
    expect(checkDocumentBody('label', 'image/png', png)).toEqual({ ok: true, value: { format: 'png', mediaType: 'image/png' } });
  });

  it('sniffs a generic or missing type, and refuses what the bytes do not bear out', () => {
    expect(checkDocumentBody('label', 'application/octet-stream', pdf)).toEqual({ ok: true, value: { format: 'pdf', mediaType: 'application/octet-stream' } });
    expect(checkDocumentBody('label', null, zpl)).toEqual({ ok: true, value: { format: 'zpl', mediaType: 'application/octet-stream' } });
    expect(reason(checkDocumentBody('label', null, Buffer.from('hello')))).toBe('the file is not a PDF, ZPL or PNG label (no content type)');
    expect(reason(checkDocumentBody('label', 'application/pdf', Buffer.from('<html>')))).toBe('the file says it is a PDF but is not one');
    expect(reason(checkDocumentBody('label', 'image/png', pdf))).toBe('the file says it is a PNG but is not one');
    expect(reason(checkDocumentBody('label', 'text/plain', Buffer.from('<!DOCTYPE html><p>^XA</p>')))).toBe('a web page came back instead of the label');
    expect(reason(checkDocumentBody('label', 'text/plain', Buffer.from('Your label is ready')))).toBe('the text file is not a ZPL label');
  });

  it('refuses web pages, other types and empty files outright', () => {
    expect(reason(checkDocumentBody('label', 'text/html; charset=utf-8', pdf))).toBe('a web page came back instead of the file');
    expect(reason(checkDocumentBody('image', 'application/xhtml+xml', png))).toBe('a web page came back instead of the file');
    expect(reason(checkDocumentBody('label', 'application/json', pdf))).toBe('labels of type application/json are not accepted');
    expect(reason(checkDocumentBody('label', 'image/jpeg', pdf))).toBe('labels of type image/jpeg are not accepted');
    expect(reason(checkDocumentBody('label', 'application/pdf', Buffer.alloc(0)))).toBe('the file is empty');
  });

  it('takes any image/* for an image but SVG', () => {
    expect(checkDocumentBody('image', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff]))).toEqual({ ok: true, value: { format: null, mediaType: 'image/jpeg' } });
    expect(checkDocumentBody('image', 'image/png', png).ok).toBe(true);
    expect(reason(checkDocumentBody('image', 'image/svg+xml', Buffer.from('<svg/>')))).toBe('SVG images are not accepted');
    expect(reason(checkDocumentBody('image', 'application/pdf', pdf))).toBe('not an image (application/pdf)');
    expect(reason(checkDocumentBody('image', null, png))).toBe('not an image (no content type)');
  });

  it('caps labels and images', () => {
    expect(maxBytesFor('label')).toBe(8 * 1024 * 1024);
    expect(maxBytesFor('image')).toBe(5 * 1024 * 1024);
  });
});

describe('isZpl', () => {
  it('finds ^XA at the start, after whitespace or ~ commands', () => {
    expect(isZpl(Buffer.from('\r\n  ^XA^XZ'))).toBe(true);
    expect(isZpl(Buffer.from('~TA000~JSN^LT0^XA^XZ'))).toBe(true);
    expect(isZpl(Buffer.from('~SD20\r\n^XA^XZ'))).toBe(true);
    expect(isZpl(Buffer.from('~CT~~CD,~CC^~CT~\r\n^XA~TA000~JSN^XZ'))).toBe(true);
    expect(isZpl(Buffer.from('hello ^XA'))).toBe(false);
    expect(isZpl(Buffer.from('^FO10,10^FDno label start^FS'))).toBe(false);
  });
});
