import { renderPdf } from '../documents/pdf';

/*
 * The page a "Test print" sends: small, recognisable, and saying which station and when, so the
 * person at a shared printer knows whose test it was.
 */

/** ZPL treats ^ and ~ as commands anywhere in a field; a station name must not contain them. */
const zplText = (text: string) => text.replace(/[\^~]/g, ' ');

export function testPageZpl(stationName: string, when: string): Buffer {
  return Buffer.from(
    ['^XA', '^CI28', '^CF0,48', '^FO40,40^FDPackdesk test print^FS', '^CF0,32', `^FO40,110^FD${zplText(stationName)}^FS`, `^FO40,160^FD${zplText(when)}^FS`, '^FO40,220^GB500,4,4^FS', '^XZ'].join('\n'),
    'utf8',
  );
}

export function testPagePdf(stationName: string, when: string): Promise<Buffer> {
  return renderPdf({ size: 'A6', margin: 24, info: { Title: 'Packdesk test print', Producer: 'Packdesk' } }, (doc) => {
    doc.fontSize(20).text('Packdesk test print');
    doc.moveDown();
    // Helvetica covers WinAnsi only; a station name outside it prints as '?' rather than garbage.
    doc.fontSize(14).text(Array.from(stationName, (ch) => (ch.charCodeAt(0) <= 0xff ? ch : '?')).join(''));
    doc.fontSize(12).text(when);
  });
}
