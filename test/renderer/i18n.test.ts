import { describe, expect, it } from 'vitest';
import { catalogues, createT, errorKey, isMessageKey, translate } from '../../renderer/src/i18n';
import { en } from '../../shared/i18n/en';
import { languages } from '../../shared/domain';
import { errorCodes } from '../../shared/errors';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?:, \w+)?\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  const keys = Object.keys(en).sort();

  it.each(languages)('%s has exactly the reference keys, none empty', (language) => {
    const catalogue = catalogues[language];
    expect(Object.keys(catalogue).sort()).toEqual(keys);
    for (const key of keys) {
      expect(catalogue[key as keyof typeof en].trim(), `${language}: ${key}`).not.toBe('');
    }
  });

  it.each(languages)('%s keeps the placeholders of every sentence', (language) => {
    for (const key of keys) {
      const k = key as keyof typeof en;
      expect(placeholders(catalogues[language][k]), `${language}: ${key}`).toEqual(placeholders(en[k]));
    }
  });

  it.each(languages)('%s has a sentence for every error code', (language) => {
    for (const code of errorCodes) {
      const key = errorKey(code);
      expect(isMessageKey(key), key).toBe(true);
      expect(translate(language, key).length, `${language}: ${code}`).toBeGreaterThan(10);
    }
  });

  it('Dutch is really Dutch where it matters on the floor', () => {
    const t = createT('nl');
    expect(t('queue.title')).toBe('Open picklijsten');
    expect(t('queue.count', { count: 4 })).toBe('4 picklijsten');
    expect(t('queue.count', { count: 1 })).toBe('1 picklijst');
    // Numbers are written the Dutch way: a point groups thousands.
    expect(t('queue.count', { count: 1234 })).toBe('1.234 picklijsten');
    expect(translate('en', 'queue.count', { count: 1234 })).toBe('1,234 picklists');
    expect(t('error.PICKLIST_BLOCKED')).toMatch(/ingepakt/);
    expect(t('queue.title')).not.toBe(translate('en', 'queue.title'));
  });

  it('Dutch translates every sentence that is not the same word in both languages', () => {
    const sameInBoth = new Set(['lang.en', 'lang.nl', 'status.demo', 'status.stationAt', 'status.sync.offline', 'sync.phase.tags', 'queue.col.tags', 'practice.percent', 'practice.seconds', 'display.contrast', 'answer.http', 'answer.picqerSays', 'picqer.pause.withNote', 'picqer.comment.line', 'queue.batches.col.batch', 'stats.weightSuspects.grams', 'stats.weightSuspects.percent']);
    const untranslated = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      return !sameInBoth.has(key) && catalogues.nl[k] === en[k];
    });
    expect(untranslated).toEqual([]);
  });

  it('calls the station by one word in Dutch', () => {
    // Issue 14: "pakstation" and "paktafel" both appeared; a packer should not wonder if they differ.
    const nl = Object.values(catalogues.nl).join(' ').toLowerCase();
    expect(nl).toContain('pakstation');
    expect(nl).not.toContain('paktafel');
  });

  it('fills placeholders and leaves a missing one visible', () => {
    expect(translate('en', 'status.sync.idle', { time: '09:41' })).toBe('Synced 09:41');
    expect(translate('en', 'status.sync.idle')).toBe('Synced {time}');
    expect(translate('en', 'queue.empty.search', { search: '$1 {time}' })).toBe('No picklist matches “$1 {time}”.');
  });
});
