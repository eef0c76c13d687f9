import type { Language } from '../../../shared/domain';
import bwipjs from 'bwip-js/node';
import { sheetCodes, type SheetCodeId } from '../../../shared/scanner-self-test';
import { slipFonts } from './fonts';
import { code128Png, renderPdf } from './pdf';

/*
 * The scanner test sheet: one A4 page with the self-test's codes (shared/scanner-self-test.ts)
 * and how to use them. Code 128, as on the command sheet: every scanner reads it, and it carries
 * lowercase letters and punctuation, which is the point here. The value is printed under each
 * code as text too, so a person can compare it with what arrived. The fourth code is GS1-128: a
 * lot of variable length ends in FNC1 before the best-before date, and what the scanner sends for
 * that FNC1 is what the self-test judges.
 */

interface SheetText {
  title: string;
  intro: string;
  steps: readonly string[];
  why: string;
  print: string;
  codes: Record<SheetCodeId, string>;
}

const texts: Record<Language, SheetText> = {
  en: {
    title: 'Packdesk: scanner test sheet',
    intro: 'Checks that this scanner types on this computer exactly what is printed.',
    steps: [
      'In Packdesk, open the scanner self-test (Devices).',
      'Scan the four codes below, in any order, while the self-test is open.',
      'Packdesk shows what arrived and says in plain words what to change: in the scanner (its keyboard country, its suffix) or in the scanner settings of the station.',
    ],
    why: 'These codes hold the characters that move between keyboard layouts (a/q, z/w, m, y/z, the digits, - / ; \'): a scanner set to the wrong keyboard country shows at once. The GS1 code checks that the scanner passes on the group separator (FNC1) that ends a lot number.',
    print: 'Print at 100 % (not "fit to page") on white paper.',
    codes: { letters: 'Letters', digits: 'Digits', symbols: 'Punctuation', gs1: 'GS1: lot and best-before date' },
  },
  nl: {
    title: 'Packdesk: testblad voor de scanner',
    intro: 'Controleert of deze scanner op deze computer precies typt wat er gedrukt staat.',
    steps: [
      'Open in Packdesk de scannertest (Apparaten).',
      'Scan de vier codes hieronder, in willekeurige volgorde, terwijl de scannertest open staat.',
      'Packdesk laat zien wat er binnenkwam en zegt in gewone woorden wat je moet aanpassen: in de scanner (het toetsenbordland, het achtervoegsel) of in de scannerinstellingen van het station.',
    ],
    why: 'Deze codes bevatten de tekens die per toetsenbordindeling verspringen (a/q, z/w, m, y/z, de cijfers, - / ; \'): een scanner die op het verkeerde toetsenbordland staat, zie je meteen. De GS1-code controleert of de scanner het scheidingsteken (FNC1) na een lotnummer doorgeeft.',
    print: 'Druk af op 100 % (niet "passend maken") op wit papier.',
    codes: { letters: 'Letters', digits: 'Cijfers', symbols: 'Leestekens', gs1: 'GS1: lot en THT-datum' },
  },
};

export function scannerTestSheetLabel(language: Language, id: SheetCodeId): string {
  return texts[language].codes[id];
}

export function scannerTestSheetFilename(language: Language): string {
  return language === 'nl' ? 'packdesk-scannertest.pdf' : 'packdesk-scanner-test.pdf';
}

/**
 * The GS1-128 code from its bracketed form: bwip-js puts FNC1 first and after the variable-length
 * lot. White background and padding, as for every code decoders must read.
 */
function gs1128Png(printed: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'gs1-128',
    text: printed,
    scale: 3,
    height: 16,
    includetext: false,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 14,
    paddingheight: 8,
  });
}

/** The sheet as a PDF, its words in the station's language. */
export async function renderScannerTestSheet(language: Language): Promise<Buffer> {
  const text = texts[language];
  const fonts = slipFonts();
  const images = await Promise.all(sheetCodes.map((code) => (code.id === 'gs1' ? gs1128Png(code.printed) : code128Png(code.value, { includeText: false }))));
  return renderPdf({ size: 'A4', margin: 48, info: { Title: text.title, Producer: 'Packdesk', CreationDate: new Date(Date.UTC(2026, 0, 1)) } }, (doc) => {
    doc.registerFont('sheet', fonts.regular);
    doc.registerFont('sheet-bold', fonts.bold);
    const left = 48;
    const width = doc.page.width - 2 * left;
    doc.font('sheet-bold').fontSize(20).text(text.title, left, 48, { width });
    doc.font('sheet').fontSize(11).moveDown(0.4).text(text.intro, { width });
    doc.moveDown(0.4);
    text.steps.forEach((step, i) => {
      doc.text(`${i + 1}. ${step}`, left, undefined, { width, indent: 0 });
    });
    doc.moveDown(0.4).fontSize(9.5).fillColor('#333333').text(text.why, left, undefined, { width });
    doc.fillColor('#000000');

    let top = doc.y + 20;
    const rowHeight = 128;
    sheetCodes.forEach((code, i) => {
      doc.font('sheet-bold').fontSize(16).text(`${i + 1}  ${text.codes[code.id]}`, left, top, { width });
      doc.image(images[i] as Buffer, left, top + 24, { fit: [380, 70] });
      doc.font('sheet').fontSize(13).text(code.printed, left + 14, top + 98, { width });
      top += rowHeight;
    });
    doc.font('sheet').fontSize(9.5).fillColor('#333333').text(text.print, left, top + 4, { width });
  });
}
