import { shelfLifeRuleKey, type ShelfLifeChoices, type ShelfLifeRule } from '../../../shared/settings';
import type { MessageKey, Translate, Vars } from '../i18n';

/** A rule as the form holds it: the days as typed. */
export interface ShelfLifeRow {
  match: ShelfLifeRule['match'];
  value: string;
  days: string;
}

export const rowsOfRules = (rules: readonly ShelfLifeRule[] | undefined): ShelfLifeRow[] =>
  (rules ?? []).map((rule) => ({ match: rule.match, value: rule.value, days: String(rule.days) }));

/** Why the typed rules cannot be saved, in the packer's language; main checks the same with the same limits. */
export interface ShelfLifeProblem {
  key: MessageKey;
  vars: Vars;
}

/** The rules to save, or the first row that is not one: no tag or webshop, days that are not 1 to 3650, a rule twice. */
export function rulesOfRows(rows: readonly ShelfLifeRow[]): { rules: ShelfLifeRule[] } | { problem: ShelfLifeProblem } {
  const rules: ShelfLifeRule[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const number = index + 1;
    const value = row.value.trim();
    if (value === '') return { problem: { key: 'shelfLife.problem.value', vars: { number } } };
    const days = Number(row.days.trim());
    if (row.days.trim() === '' || !Number.isInteger(days) || days < 1 || days > 3650) return { problem: { key: 'shelfLife.problem.days', vars: { number } } };
    const rule = { match: row.match, value, days };
    if (seen.has(shelfLifeRuleKey(rule))) return { problem: { key: row.match === 'tag' ? 'shelfLife.problem.twiceTag' : 'shelfLife.problem.twiceWebshop', vars: { number } } };
    seen.add(shelfLifeRuleKey(rule));
    rules.push(rule);
  }
  return { rules };
}

interface Props {
  rows: ShelfLifeRow[];
  /** The tags and webshops the cache knows (settings.shelfLifeChoices). */
  choices: ShelfLifeChoices;
  problem: ShelfLifeProblem | null;
  t: Translate;
  onChange: (rows: ShelfLifeRow[]) => void;
}

/**
 * Stricter minimum shelf lives for a tag (chosen from the cache's tags or typed) or a webshop
 * (chosen from the cache's), edited inside the packing section and saved with it.
 */
export function ShelfLifeRules({ rows, choices, problem, t, onChange }: Props) {
  const change = (index: number, patch: Partial<ShelfLifeRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="field shelf-life-rules" data-testid="shelf-life-rules">
      <legend>{t('shelfLife.title')}</legend>
      <small className="settings__hint">{t('shelfLife.hint')}</small>
      {rows.length === 0 ? <p className="settings__empty">{t('shelfLife.none')}</p> : null}
      <datalist id="shelf-life-tags">
        {choices.tags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      {rows.map((row, index) => {
        const number = index + 1;
        const webshops = row.value.trim() !== '' && !choices.webshops.includes(row.value) ? [row.value, ...choices.webshops] : choices.webshops;
        return (
          <div className="shelf-life-rules__row" key={index} data-rule={number}>
            <select className="input" aria-label={t('shelfLife.match', { number })} value={row.match} onChange={(e) => change(index, { match: e.target.value as ShelfLifeRule['match'], value: '' })}>
              <option value="tag">{t('shelfLife.match.tag')}</option>
              <option value="webshop">{t('shelfLife.match.webshop')}</option>
            </select>
            {row.match === 'tag' ? (
              <input className="input" list="shelf-life-tags" aria-label={t('shelfLife.tag', { number })} value={row.value} maxLength={100} onChange={(e) => change(index, { value: e.target.value })} />
            ) : (
              <select className="input" aria-label={t('shelfLife.webshop', { number })} value={row.value} onChange={(e) => change(index, { value: e.target.value })}>
                <option value="">{t('shelfLife.chooseWebshop')}</option>
                {webshops.map((shop) => (
                  <option key={shop} value={shop}>
                    {shop}
                  </option>
                ))}
              </select>
            )}
            <input className="input shelf-life-rules__days" inputMode="numeric" aria-label={t('shelfLife.days', { number })} value={row.days} onChange={(e) => change(index, { days: e.target.value })} />
            <button type="button" className="button button--small" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {t('shelfLife.remove', { number })}
            </button>
          </div>
        );
      })}
      {problem ? (
        <p className="error-message__sentence" role="alert">
          {t(problem.key, problem.vars)}
        </p>
      ) : null}
      <button type="button" className="button" onClick={() => onChange([...rows, { match: 'tag', value: '', days: '' }])}>
        {t('shelfLife.add')}
      </button>
    </fieldset>
  );
}
