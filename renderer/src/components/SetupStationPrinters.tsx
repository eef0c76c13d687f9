import { planStationPrinters } from '../../../shared/station-printers';
import type { Translate } from '../i18n';
import type { SetupStationPrinters as StationPrintersState } from '../stores/setup';

interface Props {
  state: StationPrintersState;
  /** The Picqer packing station chosen; null for none. */
  chosen: number | null;
  t: Translate;
  onChoose(idpackingStation: number | null): void;
}

/**
 * Setup's optional step: which of Picqer's packing stations this is. Its printers are matched by
 * name to this computer's with the rule Settings uses, and what saving will set (and what is not
 * here) is shown before anything is saved. Without stations it says so in one line.
 */
export function SetupStationPrinters({ state, chosen, t, onChoose }: Props) {
  const station = state.stations.find((s) => s.idpacking_station === chosen) ?? null;
  const plan = station ? planStationPrinters(station, state.queues) : null;
  return (
    <div className="setup__step" data-testid="setup-station-printers">
      <h2>{t('setup.step.printers')}</h2>
      {state.status === 'loading' || state.status === 'idle' ? <p className="hint">{t('setup.printers.loading')}</p> : null}
      {state.status === 'failed' ? <p role="status">{t('setup.printers.failed')}</p> : null}
      {state.status === 'loaded' && state.stations.length === 0 ? <p role="status">{t('setup.printers.unavailable')}</p> : null}
      {state.stations.length > 0 ? (
        <>
          <p className="hint">{t('setup.printers.hint')}</p>
          <fieldset>
            <legend>{t('setup.printers.legend')}</legend>
            <div className="choice-list">
              <label className="choice">
                <input type="radio" name="packing-station" value="" checked={station === null} onChange={() => onChoose(null)} />
                <span>{t('setup.printers.none')}</span>
              </label>
              {state.stations.map((s) => (
                <label key={s.idpacking_station} className="choice">
                  <input type="radio" name="packing-station" value={s.idpacking_station} checked={station?.idpacking_station === s.idpacking_station} onChange={() => onChoose(s.idpacking_station)} />
                  <span>{s.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </>
      ) : null}
      {plan ? (
        <div className="station-printers__plan">
          <p>{plan.choices.length > 0 ? t('setup.printers.willSet') : t('setup.printers.nothingFound')}</p>
          {plan.choices.length > 0 ? (
            <ul data-testid="setup-station-printers-found">
              {plan.choices.map((c) => (
                <li key={c.documentType}>
                  {t(`settings.document.${c.documentType}`)}: {c.picqerName}
                </li>
              ))}
            </ul>
          ) : null}
          {plan.notFound.length > 0 ? (
            <ul data-testid="setup-station-printers-not-found">
              {plan.notFound.map((n) => (
                <li key={n.documentType}>{t('setup.printers.notFound', { document: t(`settings.document.${n.documentType}`), printer: n.picqerName })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
