import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { analyseReading, keyTimingOf, sheetCodes, summariseSelfTest, type SelfTestReading } from '../../../shared/scanner-self-test';
import { toApiError, type ApiError } from '../api';
import { useT } from '../i18n/use-t';
import { openPdf } from '../pdf';
import { endingText, selfTestIssueText, sheetCodeText, visibleText } from '../scan/self-test-text';
import { selectWedgeSettings, wedgeNumberLimits } from '../scan/settings';
import { useStores } from '../stores/context';
import { ErrorMessage } from './ErrorMessage';

/** Enough to see a pattern; older scans scroll away. */
const keptReadings = 12;

interface Props {
  /**
   * Makes the printable test sheet (main renders it as a PDF). Without it there is no print
   * button, and the sheet has to come from elsewhere.
   */
  loadSheet?: () => Promise<{ filename: string; pdfBase64: string }>;
  /** Told each time the verdict changes (the first-run checklist ticks the scanner off on "good"). */
  onVerdict?: (status: ReturnType<typeof summariseSelfTest>['status']) => void;
}

/**
 * The scanner self-test: while it is on screen it takes the wedge scans (the pack session gets
 * none) and says, in plain words, what is wrong with how the scanner types.
 */
export function ScannerSelfTest({ loadSheet, onVerdict }: Props) {
  const t = useT();
  const id = useId();
  const { scanner } = useStores();
  const settings = useStore(scanner.settings, selectWedgeSettings);
  const [readings, setReadings] = useState<SelfTestReading[]>([]);
  const [isMakingSheet, setIsMakingSheet] = useState(false);
  const [sheetError, setSheetError] = useState<ApiError | null>(null);

  useEffect(
    () =>
      scanner.capture((scan) => {
        const reading: SelfTestReading = { received: scan.raw, ending: scan.terminator, source: 'wedge', keyGaps: scan.keyGaps };
        setReadings((previous) => [...previous, reading].slice(-keptReadings));
      }),
    [scanner],
  );

  const report = useMemo(() => summariseSelfTest(readings, settings), [readings, settings]);
  const timing = useMemo(() => keyTimingOf(readings), [readings]);

  /** The recommended key gap, with a timeout that still outlasts it (or every scan would be cut). */
  function applyKeyGap(gapMs: number): void {
    const timeoutMs = Math.min(wedgeNumberLimits.timeoutMs.max, Math.max(settings.timeoutMs, gapMs * 2));
    scanner.settings.getState().save({ ...settings, maxInterKeyMs: gapMs, timeoutMs });
  }
  useEffect(() => onVerdict?.(report.status), [report.status, onVerdict]);
  const rows = useMemo(() => readings.map((reading) => ({ reading, analysis: analyseReading(reading, settings) })).reverse(), [readings, settings]);

  async function printSheet(): Promise<void> {
    if (!loadSheet) return;
    setIsMakingSheet(true);
    setSheetError(null);
    try {
      const sheet = await loadSheet();
      openPdf(sheet.filename, sheet.pdfBase64);
    } catch (error) {
      setSheetError(toApiError(error));
    } finally {
      setIsMakingSheet(false);
    }
  }

  const statusText =
    report.status === 'waiting'
      ? t('selfTest.status.waiting')
      : report.status === 'good'
        ? t('selfTest.status.good')
        : report.status === 'problems'
          ? t('selfTest.status.problems')
          : t('selfTest.status.incomplete', { read: report.read.length, total: sheetCodes.length });

  return (
    <section className="self-test" aria-labelledby={`${id}-title`} data-testid="scanner-self-test" data-status={report.status}>
      <h2 id={`${id}-title`}>{t('selfTest.title')}</h2>
      <p className="hint">{t('selfTest.intro')}</p>
      <div className="self-test__actions">
        {loadSheet ? (
          <button type="button" className="button" disabled={isMakingSheet} onClick={() => void printSheet()}>
            {t('selfTest.printSheet')}
          </button>
        ) : null}
        <button type="button" className="button button--quiet" disabled={readings.length === 0} onClick={() => setReadings([])}>
          {t('selfTest.startOver')}
        </button>
      </div>
      {sheetError ? <ErrorMessage error={sheetError} t={t} title={t('selfTest.printFailed')} /> : null}

      <div className={`self-test__verdict self-test__verdict--${report.status}`} role="status" aria-live="polite">
        <p className="self-test__headline">{statusText}</p>
        {report.issues.length > 0 ? (
          <ul className="self-test__issues">
            {report.issues.map((issue) => (
              <li key={JSON.stringify(issue)}>{selfTestIssueText(issue, t)}</li>
            ))}
          </ul>
        ) : null}
        {report.status !== 'waiting' && report.missing.length > 0 ? (
          <p className="hint">{t('selfTest.missing', { codes: report.missing.map((code) => sheetCodeText(code, t)).join(', ') })}</p>
        ) : null}
        {report.aim ? <p className="hint">{t('selfTest.aim', { aim: report.aim })}</p> : null}
        {timing ? (
          <div className="self-test__timing" data-testid="self-test-timing">
            <p className="hint">
              {t('selfTest.timing', { max: timing.maxGapMs, p95: timing.p95GapMs, recommended: timing.recommendedMs, current: settings.maxInterKeyMs })}
            </p>
            {timing.recommendedMs !== settings.maxInterKeyMs ? (
              <button type="button" className="button button--small" onClick={() => applyKeyGap(timing.recommendedMs)}>
                {t('selfTest.applyKeyGap', { ms: timing.recommendedMs })}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {report.status === 'waiting' ? <p className="hint">{t('selfTest.nothingArrives', { ms: settings.maxInterKeyMs })}</p> : null}

      <h3>{t('selfTest.readings')}</h3>
      {rows.length === 0 ? (
        <p className="hint">{t('selfTest.noReadings')}</p>
      ) : (
        <table className="queue-table self-test__readings">
          <thead>
            <tr>
              <th scope="col">{t('selfTest.col.code')}</th>
              <th scope="col">{t('selfTest.col.received')}</th>
              <th scope="col">{t('selfTest.col.ending')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ reading, analysis }, index) => (
              <tr key={readings.length - index} data-ok={analysis.issues.length === 0}>
                <td>{sheetCodeText(analysis.codeId, t)}</td>
                <td>
                  <code className="self-test__received">{visibleText(reading.received)}</code>
                </td>
                <td>{endingText(reading.ending, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
