import type { CupsQueue } from '../../../shared/printing';
import type { Reason } from '../../../shared/reasons';
import { planStationPrinters } from '../../../shared/station-printers';
import type { Translate } from '../i18n';
import type { PackingStationsState } from '../stores/printers';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  state: PackingStationsState;
  /** This computer's printers, from printers.discover. */
  queues: CupsQueue[];
  chosen: number | null;
  t: Translate;
  reasonText: (reason: Reason) => string;
  onLoad(): void;
  onChoose(idpackingStation: number): void;
  onApply(): void;
}

/**
 * Picqer's packing stations to take the printers from: each of the chosen station's printers is
 * matched by name to one on this computer, and what will be set (and what is not found) is shown
 * before anything changes.
 */
export function PackingStationChooser({ state, queues, chosen, t, reasonText, onLoad, onChoose, onApply }: Props) {
  const station = state.stations.find((s) => s.idpacking_station === chosen) ?? null;
  const plan = station ? planStationPrinters(station, queues) : null;
  return (
    <div className="station-printers" data-testid="packing-stations">
      <p className="settings__hint">{t('settings.stations.hint')}</p>
      <button type="button" className="button" disabled={state.status === 'loading'} onClick={onLoad}>
        {state.status === 'loading' ? t('settings.stations.loading') : t('settings.stations.load')}
      </button>
      {state.error ? <ErrorMessage error={state.error} t={t} title={t('settings.stations.failed')} onRetry={onLoad} /> : null}
      {state.status === 'loaded' && state.stations.length === 0 ? (
        <p className="settings__empty" role="status">
          {state.reason ? reasonText(state.reason) : t('settings.stations.none')}
        </p>
      ) : null}
      {state.stations.length > 0 ? (
        <fieldset>
          <legend>{t('settings.stations.legend')}</legend>
          <div className="choice-list">
            {state.stations.map((s) => (
              <label key={s.idpacking_station} className="choice">
                <input type="radio" name="packing-station" value={s.idpacking_station} checked={chosen === s.idpacking_station} onChange={() => onChoose(s.idpacking_station)} />
                <span>{s.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {plan ? (
        <div className="station-printers__plan" data-testid="packing-station-plan">
          {plan.choices.length > 0 ? (
            <>
              <p>{t('settings.stations.willSet')}</p>
              <ul data-testid="packing-station-choices">
                {plan.choices.map((c) => (
                  <li key={c.documentType}>
                    {t(`settings.document.${c.documentType}`)}: {c.picqerName}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('settings.stations.nothing')}</p>
          )}
          {plan.notFound.length > 0 ? (
            <>
              <p>{t('settings.stations.notFound')}</p>
              <ul data-testid="packing-station-not-found">
                {plan.notFound.map((n) => (
                  <li key={n.documentType}>
                    {t(`settings.document.${n.documentType}`)}: {n.picqerName}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <button type="button" className="button button--primary" disabled={plan.choices.length === 0 || state.applying} onClick={onApply}>
            {state.applying ? t('settings.stations.applying') : t('settings.stations.apply')}
          </button>
        </div>
      ) : null}
      {state.refused ? (
        <ErrorMessage error={state.refused.error} t={t} title={t('settings.stations.refused', { document: t(`settings.document.${state.refused.documentType}`) })} />
      ) : null}
      {state.applied ? (
        <p role="status" data-testid="packing-station-applied">
          {t('settings.stations.applied', { station: state.applied.station, count: state.applied.count })}
        </p>
      ) : null}
    </div>
  );
}
