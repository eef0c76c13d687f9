import { BoxAdviceStats } from '../components/BoxAdviceStats';
import { useEffect, useState } from 'react';
import type { StatsFigures, StatsSummary } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { ErrorMessage } from '../components/ErrorMessage';
import { WeightSuspects } from '../components/WeightSuspects';
import { isMessageKey, localeOf, type Translate } from '../i18n';
import { useT } from '../i18n/use-t';
import { selectLanguage } from '../stores/app';
import { useApp, useStats, useStores } from '../stores/context';
import { downloadCsv } from '../download';
import {
  selectIsStatsLoading,
  selectStatsDay,
  selectStatsError,
  selectStatsExportError,
  selectStatsExporting,
  selectStatsShift,
  selectStatsSummary,
  selectStatsToday,
  selectWeightSuspects,
  selectWeightSuspectsError,
  type StatsCsvKind,
} from '../stores/stats';

/*
 * Stats per packer and per station for a day or one shift (issue 8): two tables, the day as a
 * chart, and the CSV files behind them. Everything comes from main's stats.summary; this screen
 * only formats it.
 */

type Metric = 'parcels' | 'scans';

interface Row {
  key: string;
  label: string;
  iduser?: number | null;
  figures: StatsFigures;
}

/** Okabe-Ito-like colours that stay apart for colour-blind eyes; each is named in the legend too. */
const palette = ['#0b4fa3', '#c05a00', '#0a6e2e', '#a3337e', '#3f8fd2', '#8a6d00', '#5b3fa3', '#111418'];

/** A plain YYYY-MM-DD moved by whole days, without a time zone to shift it. */
function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

function formatDay(day: string, language: Language): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

/** m:ss, or h:mm:ss from an hour on. */
function formatSeconds(value: number): string {
  const total = Math.round(value);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A dash for the eye, words for a screen reader. */
function NoData({ t }: { t: Translate }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('stats.none')}</span>
    </>
  );
}

function Seconds({ value, t }: { value: number | null; t: Translate }) {
  return value === null ? <NoData t={t} /> : <>{formatSeconds(value)}</>;
}

function Rate({ value, language, t }: { value: number | null; language: Language; t: Translate }) {
  if (value === null) return <NoData t={t} />;
  return <>{new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 1 }).format(value)}</>;
}

function FiguresTable({ rows, rowHeader, caption, t, language, totals }: { rows: Row[]; rowHeader: string; caption: string; t: Translate; language: Language; totals?: StatsFigures }) {
  const median = <span className="visually-hidden">, {t('stats.col.median')}</span>;
  const cells = (f: StatsFigures) => (
    <>
      <td data-figure="parcels">
        {f.parcels}
        {f.weightOverrides > 0 ? <span className="stats-table__sub">{t('stats.weightOverrides', { count: f.weightOverrides })}</span> : null}
      </td>
      <td data-figure="units">{f.units}</td>
      <td data-figure="scans">{f.scans}</td>
      <td data-figure="misScans">{f.misScans}</td>
      <td data-figure="misScanRate">
        <Rate value={f.misScanRate} language={language} t={t} />
      </td>
      <td data-figure="scanning">
        <Seconds value={f.medianSeconds.scanning} t={t} />
      </td>
      <td data-figure="waitingForLabel">
        <Seconds value={f.medianSeconds.waitingForLabel} t={t} />
      </td>
      <td data-figure="problems">
        <Seconds value={f.medianSeconds.problems} t={t} />
        {f.problemSessions > 0 ? (
          <span className="stats-table__sub">{t('stats.problemSessions', { count: f.problemSessions })}</span>
        ) : null}
      </td>
    </>
  );
  return (
    <div className="queue__table-wrap">
      <table className="queue-table stats-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            <th scope="col">{t('stats.col.parcels')}</th>
            <th scope="col">{t('stats.col.units')}</th>
            <th scope="col">{t('stats.col.scans')}</th>
            <th scope="col">{t('stats.col.misScans')}</th>
            <th scope="col">
              {t('stats.col.misScanRate')}
              <span className="visually-hidden">, {t('stats.col.misScanRateHint')}</span>
            </th>
            <th scope="col">
              {t('stats.col.scanning')}
              {median}
            </th>
            <th scope="col">
              {t('stats.col.waiting')}
              {median}
            </th>
            <th scope="col">
              {t('stats.col.problems')}
              {median}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="queue-row" data-iduser={row.iduser ?? undefined} data-row={row.key}>
              <th scope="row">{row.label}</th>
              {cells(row.figures)}
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot>
            <tr className="stats-table__totals" data-row="totals">
              <th scope="row">{t('stats.totals')}</th>
              {cells(totals)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** 1, 2 or 5 times a power of ten, so the axis has about four steps. */
function niceStep(max: number): number {
  if (max <= 4) return 1;
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
}

function hourAfter(label: string): string {
  const [h, m] = label.split(':').map(Number);
  const minutes = ((h ?? 0) * 60 + (m ?? 0) + 60) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** What the chart shows, in one sentence: its text alternative. */
function chartSummary(summary: StatsSummary, metric: Metric, names: string[], t: Translate): string {
  const metricName = t(metric === 'parcels' ? 'stats.chart.parcels' : 'stats.chart.scans');
  const first = summary.hours[0]?.label ?? '00:00';
  const last = summary.hours[summary.hours.length - 1]?.label ?? '23:00';
  const totals = summary.hours.map((_, i) => summary.series.reduce((n, s) => n + (s[metric][i] ?? 0), 0));
  const total = totals.reduce((a, b) => a + b, 0);
  if (total === 0) return t('stats.chart.summaryEmpty', { metric: metricName, from: first, to: hourAfter(last) });
  const peak = Math.max(...totals);
  const packers = summary.series.map((s, i) => `${names[i] ?? ''} ${s[metric].reduce((a, b) => a + b, 0)}`).join(', ');
  return t('stats.chart.summary', {
    metric: metricName,
    from: first,
    to: hourAfter(last),
    total,
    peakHour: summary.hours[totals.indexOf(peak)]?.label ?? first,
    peak,
    packers,
  });
}

function DayChart({ summary, names, t }: { summary: StatsSummary; names: string[]; t: Translate }) {
  const [metric, setMetric] = useState<Metric>('parcels');
  const { hours, series } = summary;
  const totals = hours.map((_, i) => series.reduce((n, s) => n + (s[metric][i] ?? 0), 0));
  const step = niceStep(Math.max(0, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const width = 800;
  const height = 260;
  const left = 44;
  const right = 8;
  const upper = 12;
  const bottom = 30;
  const plotHeight = height - upper - bottom;
  const band = (width - left - right) / Math.max(1, hours.length);
  const barWidth = Math.max(2, band * 0.7);
  const y = (value: number) => upper + plotHeight - (value / top) * plotHeight;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  const labelEvery = Math.ceil(hours.length / 12);

  return (
    <div className="stats-chart">
      <fieldset className="stats-chart__metric">
        <legend>{t('stats.chart.metric')}</legend>
        {(['parcels', 'scans'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="stats-metric" value={m} checked={metric === m} onChange={() => setMetric(m)} />
            {t(m === 'parcels' ? 'stats.chart.parcels' : 'stats.chart.scans')}
          </label>
        ))}
      </fieldset>
      <svg className="stats-chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={chartSummary(summary, metric, names, t)} data-testid="stats-chart">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} className="stats-chart__grid" />
            <text x={left - 6} y={y(tick) + 4} textAnchor="end" className="stats-chart__axis">
              {tick}
            </text>
          </g>
        ))}
        {hours.map((hour, i) => {
          const x = left + i * band + (band - barWidth) / 2;
          let base = 0;
          return (
            <g key={hour.start}>
              {series.map((s, j) => {
                const value = s[metric][i] ?? 0;
                if (value === 0) return null;
                const rect = (
                  <rect key={`${s.iduser ?? 'nobody'}`} x={x} width={barWidth} y={y(base + value)} height={y(base) - y(base + value)} fill={palette[j % palette.length]}>
                    <title>{t('stats.chart.bar', { packer: names[j] ?? '', hour: hour.label, count: value })}</title>
                  </rect>
                );
                base += value;
                return rect;
              })}
              {i % labelEvery === 0 ? (
                <text x={left + i * band + band / 2} y={height - 10} textAnchor="middle" className="stats-chart__axis">
                  {hour.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <ul className="stats-chart__legend">
        {series.map((s, j) => (
          <li key={`${s.iduser ?? 'nobody'}`}>
            <span className="stats-chart__swatch" style={{ background: palette[j % palette.length] }} aria-hidden="true" />
            {names[j]}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Stats() {
  const t = useT();
  const { stats } = useStores();
  const language = useApp(selectLanguage);
  const summary = useStats(selectStatsSummary);
  const day = useStats(selectStatsDay);
  const today = useStats(selectStatsToday);
  const shift = useStats(selectStatsShift);
  const isLoading = useStats(selectIsStatsLoading);
  const error = useStats(selectStatsError);
  const exporting = useStats(selectStatsExporting);
  const exportError = useStats(selectStatsExportError);
  const weightSuspects = useStats(selectWeightSuspects);
  const weightSuspectsError = useStats(selectWeightSuspectsError);

  useEffect(() => {
    void stats.getState().load();
    void stats.getState().loadWeightSuspects();
    return stats.getState().follow();
  }, [stats]);

  const shiftName = (id: string) => {
    const key = `stats.shift.${id}`;
    return isMessageKey(key) ? t(key) : id;
  };
  const packerName = (iduser: number | null, name: string | null) => name ?? (iduser === null ? t('stats.nobody') : `#${iduser}`);
  const download = async (kind: StatsCsvKind) => {
    const file = await stats.getState().exportCsv(kind);
    if (file) downloadCsv(file.filename, file.csv);
  };

  const period = summary ? [formatDay(summary.day, language), summary.shift ? shiftName(summary.shift) : null].filter(Boolean).join(', ') : '';
  const isEmpty = summary !== null && summary.packers.length === 0 && summary.stations.length === 0;
  const packerRows: Row[] = (summary?.packers ?? []).map((p) => ({ key: `packer-${p.iduser ?? 'nobody'}`, label: packerName(p.iduser, p.name), iduser: p.iduser, figures: p }));
  const stationRows: Row[] = (summary?.stations ?? []).map((s) => ({ key: `station-${s.station ?? ''}`, label: s.station ?? t('stats.noStation'), figures: s }));

  return (
    <section className="stats" aria-labelledby="stats-title">
      <header className="history__header">
        <div>
          <h1 id="stats-title">{t('stats.title')}</h1>
          <p className="hint">{t('stats.intro')}</p>
        </div>
        <div className="stats__downloads">
          {(['scans', 'summary'] as const).map((kind) => (
            <button key={kind} type="button" className="button" disabled={exporting !== null || summary === null} onClick={() => void download(kind)}>
              {exporting === kind ? t('stats.download.busy') : t(kind === 'scans' ? 'stats.download.scans' : 'stats.download.summary')}
            </button>
          ))}
        </div>
      </header>

      <div className="stats__filters">
        <label className="stats__field">
          <span>{t('stats.day')}</span>
          <input
            type="date"
            className="input"
            value={day ?? ''}
            max={today ?? undefined}
            onChange={(event) => {
              if (event.target.value) void stats.getState().setDay(event.target.value);
            }}
          />
        </label>
        <button type="button" className="button" disabled={day === null} onClick={() => day && void stats.getState().setDay(addDays(day, -1))}>
          {t('stats.previousDay')}
        </button>
        <button type="button" className="button" disabled={day === null || today === null || day >= today} onClick={() => day && void stats.getState().setDay(addDays(day, 1))}>
          {t('stats.nextDay')}
        </button>
        <button type="button" className="button" disabled={today === null || day === today} onClick={() => void stats.getState().setDay(null)}>
          {t('stats.today')}
        </button>
        <label className="stats__field">
          <span>{t('stats.shift')}</span>
          <select className="input" value={shift ?? ''} onChange={(event) => void stats.getState().setShift(event.target.value || null)}>
            <option value="">{t('stats.shift.all')}</option>
            {(summary?.shifts ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {`${shiftName(s.id)} (${s.start}–${s.end})`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--quiet" disabled={isLoading} onClick={() => void stats.getState().load()}>
          {t('stats.refresh')}
        </button>
      </div>

      {error ? <ErrorMessage error={error} t={t} title={t('stats.loadFailed')} onRetry={() => void stats.getState().load()} /> : null}
      {exportError ? <ErrorMessage error={exportError} t={t} title={t('stats.download.failed')} /> : null}
      {summary === null ? (
        isLoading ? <p role="status">{t('stats.loading')}</p> : null
      ) : isEmpty ? (
        <p className="history__empty">{t(summary.shift ? 'stats.emptyShift' : 'stats.empty')}</p>
      ) : (
        <>
          <dl className="stats__totals" aria-label={t('stats.totals')}>
            <div>
              <dt>{t('stats.col.parcels')}</dt>
              <dd data-total="parcels">{summary.totals.parcels}</dd>
            </div>
            <div>
              <dt>{t('stats.col.units')}</dt>
              <dd>{summary.totals.units}</dd>
            </div>
            <div>
              <dt>{t('stats.col.scans')}</dt>
              <dd data-total="scans">{summary.totals.scans}</dd>
            </div>
            <div>
              <dt>{t('stats.col.misScanRate')}</dt>
              <dd>
                <Rate value={summary.totals.misScanRate} language={language} t={t} />
              </dd>
            </div>
            <div>
              <dt>{t('stats.col.scanning')}</dt>
              <dd>
                <Seconds value={summary.totals.medianSeconds.scanning} t={t} />
              </dd>
            </div>
            <div>
              <dt>{t('stats.col.waiting')}</dt>
              <dd>
                <Seconds value={summary.totals.medianSeconds.waitingForLabel} t={t} />
              </dd>
            </div>
          </dl>

          <h2>{t('stats.packers.title')}</h2>
          <FiguresTable rows={packerRows} rowHeader={t('stats.col.packer')} caption={t('stats.packers.caption', { period })} t={t} language={language} totals={summary.totals} />

          <h2>{t('stats.chart.title')}</h2>
          <DayChart summary={summary} names={summary.series.map((s) => packerName(s.iduser, s.name))} t={t} />

          <h2>{t('stats.stations.title')}</h2>
          <FiguresTable rows={stationRows} rowHeader={t('stats.col.station')} caption={t('stats.stations.caption', { period })} t={t} language={language} />

          <BoxAdviceStats rows={summary.boxAdvice} t={t} />
        </>
      )}

      <WeightSuspects suspects={weightSuspects} error={weightSuspectsError} t={t} onRetry={() => void stats.getState().loadWeightSuspects()} />

      <details className="stats__help">
        <summary>{t('stats.help.title')}</summary>
        <p>{t('stats.help.parcels')}</p>
        <p>{t('stats.help.scans')}</p>
        <p>{t('stats.help.times')}</p>
        <p>
          {t('stats.help.shifts')} {(summary?.shifts ?? []).map((s) => `${shiftName(s.id)} ${s.start}–${s.end}`).join(', ')}
        </p>
      </details>
    </section>
  );
}
