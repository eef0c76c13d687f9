import { useEffect, useId, useState } from 'react';
import type { ShippingExtraField as Field } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { useStores } from '../stores/context';

interface Props {
  field: Field;
  /** What will be sent: the packer's value, else the method's default; '' when empty. */
  value: string;
  t: Translate;
  disabled: boolean;
}

/** One extra field the chosen shipping method needs (a pickup point, a delivery option), saved on the session. */
export function ShippingExtraField({ field, value, t, disabled }: Props) {
  const { session } = useStores();
  const id = useId();
  const [draft, setDraft] = useState(value);

  // A value from main (another method chosen, a restart) replaces what the field shows.
  useEffect(() => setDraft(value), [value]);

  const save = (next: string) => {
    if (next.trim() !== value) void session.getState().setShipping({ extraFields: { [field.key]: next.trim() } });
  };
  const isEmpty = value.trim() === '';

  return (
    <form
      className="field shipping__extra"
      onSubmit={(event) => {
        event.preventDefault();
        save(draft);
      }}
    >
      <label htmlFor={id}>{field.title}</label>
      {field.options.length > 0 ? (
        <select
          id={id}
          className="input"
          disabled={disabled}
          value={draft}
          aria-invalid={isEmpty}
          onChange={(event) => {
            setDraft(event.target.value);
            save(event.target.value);
          }}
        >
          {isEmpty ? <option value="">—</option> : null}
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.title}
            </option>
          ))}
        </select>
      ) : (
        <div className="shipping__weight-row">
          <input
            id={id}
            className="input"
            autoComplete="off"
            value={draft}
            disabled={disabled}
            aria-invalid={isEmpty}
            maxLength={500}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={() => save(draft)}
          />
          <button type="submit" className="button button--small" disabled={disabled || draft.trim() === value}>
            {t('pack.shipping.extraSave')}
          </button>
        </div>
      )}
      {isEmpty ? <p className="hint shipping__needed">{t('pack.shipping.extraRequired')}</p> : null}
    </form>
  );
}
