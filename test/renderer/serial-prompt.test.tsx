import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SerialPrompt } from '../../renderer/src/components/SerialPrompt';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import { createT, reasonText } from '../../renderer/src/i18n';
import { answerHeadline, answerTone } from '../../renderer/src/scan/answer-text';
import type { Language } from '../../shared/domain';
import { createFakeApi, sessionFixture, settle } from './fake-api';
import { packStation } from './pack-station';

/* A product that counts only with its serial number (issue 18): the prompt, its words, the typed serial. */

const wanted = { idproduct: 101, name: 'Red mug' };

function render(language: Language, isWanted = true): string {
  const stores = createStores(createFakeApi());
  return renderToStaticMarkup(
    <StoresContext value={stores}>
      <SerialPrompt wanted={isWanted ? wanted : null} t={createT(language)} />
    </StoresContext>,
  );
}

describe('the serial number prompt', () => {
  it('asks for the serial of the waiting unit in both languages, and shows nothing without one', () => {
    expect(render('en')).toContain('Serial number of Red mug');
    expect(render('en')).toContain('Scan it, or type it and press Enter.');
    expect(render('nl')).toContain('Serienummer van Red mug');
    expect(render('nl')).toContain('Scan het, of typ het en druk op Enter.');
    expect(render('en', false)).toBe('');
    expect(reasonText('nl', { code: 'scan.serialNeeded', params: { product: 'Red mug' } })).toBe('Scan of typ het serienummer van Red mug.');
  });

  it('sends a typed serial to pack.serial and shows main\'s answer like a scan, with its own sound', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const product = { idproduct: 101, name: 'Red mug', productcode: 'SKU-101', image: null };
    api.handle('scan.submit', ({ code }) =>
      api.answer({ code, outcome: 'serial_needed', product, reason: { code: 'scan.serialNeeded', params: { product: 'Red mug' } } }, sessionFixture({ serialWanted: wanted })),
    );
    await stores.scanner.submit('8712345000026', null);
    expect(played.at(-1)).toBe('serial_needed');
    expect(stores.session.getState().session?.serialWanted).toEqual(wanted);
    const asked = stores.scan.getState().lastAnswer;
    expect(asked && answerHeadline(asked, null, createT('en'))).toBe('Serial number of Red mug?');

    api.handle('pack.serial', () => api.answer({ outcome: 'counted', product }, sessionFixture({ serialWanted: null })));
    expect(await stores.scanner.giveSerial('  SN-0001 ')).toBe(true);
    expect(api.callsOf('pack.serial')).toEqual([{ serial: 'SN-0001' }]);
    expect(stores.scan.getState().lastAnswer?.outcome).toBe('counted');
    expect(stores.session.getState().session?.serialWanted).toBeNull();
  });

  it('a serial already packed is a refusal: red, the refusal sound, and says so first; the unit still waits', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    const product = { idproduct: 101, name: 'Red mug', productcode: 'SKU-101', image: null };
    api.handle('pack.serial', () =>
      api.answer({ code: 'SN-1', outcome: 'serial_needed', product, reason: { code: 'scan.serialTaken', params: { serial: 'SN-1' } } }, sessionFixture({ serialWanted: wanted })),
    );
    await stores.scanner.giveSerial('SN-1');
    expect(played.at(-1)).toBe('blocked');
    const refused = stores.scan.getState().lastAnswer;
    if (!refused) throw new Error('no answer');
    expect(answerTone(refused)).toBe('bad');
    expect(answerHeadline(refused, null, createT('en'))).toBe('Serial number refused for Red mug');
    expect(answerHeadline(refused, null, createT('nl'))).toBe('Serienummer geweigerd voor Red mug');
    expect(stores.session.getState().session?.serialWanted).toEqual(wanted);
  });
});
