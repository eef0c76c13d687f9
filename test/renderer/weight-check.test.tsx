import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WeightCheckAlert } from '../../renderer/src/components/WeightCheckAlert';
import { createStores } from '../../renderer/src/stores';
import { StoresContext } from '../../renderer/src/stores/context';
import { createT, reasonText } from '../../renderer/src/i18n';
import type { Language } from '../../shared/domain';
import type { PackSession, WeightCheck } from '../../shared/packing';
import { createFakeApi, sessionFixture, settle } from './fake-api';
import { packStation } from './pack-station';

/* The weight check on the pack screen (issue 18): the sentence, the way out, and its sound. */

const off: WeightCheck = { weight: 1240, expected: 980, percent: 26.5, isOff: true, override: null };

function render(check: WeightCheck | null, language: Language = 'en'): string {
  const stores = createStores(createFakeApi());
  return renderToStaticMarkup(
    <StoresContext value={stores}>
      <WeightCheckAlert check={check} t={createT(language)} />
    </StoresContext>,
  );
}

function withCheck(check: WeightCheck | null, weight = check?.weight ?? 1200): PackSession {
  const session = sessionFixture();
  return { ...session, shipping: { ...session.shipping, weight, isWeightManual: true, weightCheck: check } };
}

describe('the weight check on the pack screen', () => {
  it('words the refusal with the weights and the signed difference, in both languages', () => {
    const reason = { code: 'pack.weightOff' as const, params: { weight: 1240, expected: 980, percent: 26.5 } };
    expect(reasonText('en', reason)).toBe('Box weighs 1,240 g, expected 980 g (+26.5 %): check the contents.');
    expect(reasonText('nl', reason)).toBe('Doos weegt 1.240 g, verwacht 980 g (+26,5 %): controleer de inhoud.');
    expect(reasonText('en', { code: 'pack.weightOff', params: { weight: 900, expected: 980, percent: -8.2 } })).toContain('(-8.2 %)');
  });

  it('shows the stop with a reason field for the shift lead, nothing when the weight is fine, and who let it through', () => {
    const html = render(off);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Box weighs 1,240 g, expected 980 g (+26.5 %): check the contents.');
    expect(html).toContain('Let through (shift lead)');
    expect(render(off, 'nl')).toContain('Doorlaten (ploegleider)');
    expect(render({ ...off, weight: 990, percent: 1, isOff: false })).toBe('');
    expect(render(null)).toBe('');
    const let_through = render({ ...off, override: { reason: 'Gift wrap', by: { iduser: 21, name: 'Sanne' } } });
    expect(let_through).not.toContain('role="alert"');
    expect(let_through).toContain('Let through by Sanne: Gift wrap');
  });

  it('plays its own sound once when a weight stops the parcel, and sends the override', async () => {
    const { api, played, stores } = packStation();
    stores.start();
    await settle();
    api.publish(withCheck(null));
    api.publish(withCheck({ ...off, weight: 1000, percent: 2, isOff: false }));
    expect(played).toEqual([]);
    api.publish(withCheck(off));
    api.publish(withCheck(off));
    expect(played).toEqual(['weight_off']);

    api.handle('pack.overrideWeight', () => api.ack('done', withCheck({ ...off, override: { reason: 'Gift wrap', by: null } })));
    expect(await stores.session.getState().overrideWeight('  Gift wrap ')).toBe(true);
    expect(api.callsOf('pack.overrideWeight')).toEqual([{ reason: 'Gift wrap' }]);
    expect(stores.session.getState().session?.shipping.weightCheck?.override).toEqual({ reason: 'Gift wrap', by: null });
    expect(played).toEqual(['weight_off']);
  });
});
