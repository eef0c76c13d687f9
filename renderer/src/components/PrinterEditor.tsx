import { useEffect, useRef, useState, type ReactNode } from 'react';
import { driverOfDiscovered, type CupsQueue, type PrinterConfig, type PrinterInfo } from '../../../shared/printing';
import type { Translate } from '../i18n';
import { usePrinters, useStores } from '../stores/context';
import { selectSavingPrinter, selectSaveProblem, type PrinterField } from '../stores/printers';
import { ErrorMessage } from './ErrorMessage';

type DriverChoice = 'none' | PrinterConfig['driver'];
type RawFormat = Extract<PrinterConfig, { driver: 'raw-tcp' }>['format'];

const driverChoices: readonly DriverChoice[] = ['none', 'cups', 'raw-tcp', 'folder'];
/** Offered where the system lists printers of its own (Windows), or when one is set already. */
const windowsChoice: DriverChoice = 'windows';

/** Every driver's fields at once, so switching the driver back and forth loses nothing typed. */
interface Draft {
  driver: DriverChoice;
  queue: string;
  media: string;
  host: string;
  port: string;
  format: RawFormat;
  path: string;
  /** A Windows printer's name. */
  printer: string;
}

function draftOf(printer: PrinterInfo): Draft {
  const config = printer.config;
  // A packing slip is a page, a shipping or product label is ZPL on most label printers.
  const draft: Draft = { driver: 'none', queue: '', media: '', host: '', port: '9100', format: printer.documentType === 'packingSlip' ? 'pdf' : 'zpl', path: '', printer: '' };
  if (!config) return draft;
  switch (config.driver) {
    case 'cups':
      return { ...draft, driver: 'cups', queue: config.queue, media: config.media ?? '' };
    case 'raw-tcp':
      return { ...draft, driver: 'raw-tcp', host: config.host, port: String(config.port), format: config.format };
    case 'folder':
      return { ...draft, driver: 'folder', path: config.path };
    case 'windows':
      return { ...draft, driver: 'windows', printer: config.printer, format: config.format };
  }
}

/** What is sent as typed: main checks every field and names the one it refuses. */
function configOf(draft: Draft): PrinterConfig | null {
  switch (draft.driver) {
    case 'none':
      return null;
    case 'cups': {
      const media = draft.media.trim();
      return media ? { driver: 'cups', queue: draft.queue, media } : { driver: 'cups', queue: draft.queue };
    }
    case 'raw-tcp':
      return { driver: 'raw-tcp', host: draft.host, port: draft.port === '' ? 9100 : Number.parseInt(draft.port, 10), format: draft.format };
    case 'folder':
      return { driver: 'folder', path: draft.path };
    case 'windows':
      return { driver: 'windows', printer: draft.printer, format: draft.format };
  }
}

interface Props {
  printer: PrinterInfo;
  queues: CupsQueue[];
  t: Translate;
  id: string;
  onClose: () => void;
}

/** Chooses one document type's printer: the driver and its fields, saved through printers.set. */
export function PrinterEditor({ printer, queues, t, id, onClose }: Props) {
  const { printers } = useStores();
  const saving = usePrinters(selectSavingPrinter);
  const saveProblem = usePrinters(selectSaveProblem);
  const [draft, setDraft] = useState<Draft>(() => draftOf(printer));
  const formRef = useRef<HTMLFormElement>(null);
  const { documentType } = printer;
  const problem = saveProblem?.documentType === documentType ? saveProblem : null;
  const isBusy = saving !== null;
  const fieldId = (field: PrinterField) => `${id}-${field}`;
  const documentName = t(`settings.document.${documentType}`);

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
    // A refusal left over from an earlier attempt belongs to that attempt, not to this editor.
    printers.getState().clearSaveProblem();
  }, [printers]);

  // Main named the field it refused: take the person there, with everything they typed kept.
  useEffect(() => {
    if (problem?.field) formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-${problem.field}`)}`)?.focus();
  }, [problem, id]);

  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const fieldProblem = (field: PrinterField): ReactNode =>
    problem?.field === field ? (
      <p className="form-problem" id={`${fieldId(field)}-problem`}>
        {t(`settings.editor.problem.${field}`)}
      </p>
    ) : null;

  const describedBy = (field: PrinterField, hasHint: boolean) =>
    [hasHint ? `${fieldId(field)}-hint` : null, problem?.field === field ? `${fieldId(field)}-problem` : null].filter(Boolean).join(' ') || undefined;

  const fieldProps = (field: PrinterField, hasHint = true) => ({
    id: fieldId(field),
    'aria-invalid': problem?.field === field ? true : undefined,
    'aria-describedby': describedBy(field, hasHint),
  });

  const cupsQueues = queues.filter((q) => driverOfDiscovered(q.source) === 'cups');
  const systemPrinters = queues.filter((q) => driverOfDiscovered(q.source) === 'windows');
  const isQueueMissing = draft.queue !== '' && !cupsQueues.some((q) => q.name === draft.queue);
  const isSystemPrinterMissing = draft.printer !== '' && !systemPrinters.some((q) => q.name === draft.printer);
  const choices = systemPrinters.length > 0 || draft.driver === 'windows' ? [...driverChoices, windowsChoice] : driverChoices;

  return (
    <form
      ref={formRef}
      id={id}
      className="printer-editor"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const ok = await printers.getState().choosePrinter(documentType, configOf(draft));
        if (ok) onClose();
      }}
    >
      <h3 id={`${id}-title`} className="printer-editor__title">
        {t('settings.editor.title', { document: documentName })}
      </h3>
      <fieldset>
        <legend>{t('settings.editor.driver')}</legend>
        <div className="choice-row">
          {choices.map((driver) => (
            <label key={driver} className="choice">
              <input type="radio" name={`${id}-driver`} value={driver} checked={draft.driver === driver} onChange={() => update({ driver })} />
              {t(`settings.editor.driver.${driver}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {draft.driver === 'none' ? <p className="hint">{t('settings.editor.noneHint')}</p> : null}

      {draft.driver === 'cups' ? (
        <>
          {cupsQueues.length === 0 && !isQueueMissing ? (
            <p className="hint printer-editor__none">{t('settings.editor.queue.none')}</p>
          ) : (
            <div className="field">
              <label htmlFor={fieldId('queue')}>{t('settings.editor.queue')}</label>
              <select {...fieldProps('queue', false)} className="input" value={draft.queue} onChange={(event) => update({ queue: event.target.value })}>
                <option value="">{t('settings.editor.queue.choose')}</option>
                {cupsQueues.map((queue) => (
                  <option key={queue.name} value={queue.name}>
                    {t('settings.editor.queue.option', { name: queue.name, state: t(`settings.health.${queue.state}`) })}
                  </option>
                ))}
                {isQueueMissing ? <option value={draft.queue}>{t('settings.editor.queue.missing', { name: draft.queue })}</option> : null}
              </select>
              {fieldProblem('queue')}
            </div>
          )}
          <div className="field">
            <label htmlFor={fieldId('media')}>{t('settings.editor.media')}</label>
            <input {...fieldProps('media')} className="input" autoComplete="off" maxLength={64} value={draft.media} onChange={(event) => update({ media: event.target.value })} />
            <p className="hint" id={`${fieldId('media')}-hint`}>
              {t('settings.editor.mediaHint')}
            </p>
            {fieldProblem('media')}
          </div>
        </>
      ) : null}

      {draft.driver === 'windows' ? (
        <div className="field">
          <label htmlFor={fieldId('printer')}>{t('settings.editor.windowsPrinter')}</label>
          <select {...fieldProps('printer', false)} className="input" value={draft.printer} onChange={(event) => update({ printer: event.target.value })}>
            <option value="">{t('settings.editor.windowsPrinter.choose')}</option>
            {systemPrinters.map((queue) => (
              <option key={queue.name} value={queue.name}>
                {queue.name}
              </option>
            ))}
            {isSystemPrinterMissing ? <option value={draft.printer}>{t('settings.editor.queue.missing', { name: draft.printer })}</option> : null}
          </select>
          {fieldProblem('printer')}
        </div>
      ) : null}

      {draft.driver === 'raw-tcp' ? (
        <>
          <div className="field">
            <label htmlFor={fieldId('host')}>{t('settings.editor.host')}</label>
            <input {...fieldProps('host')} className="input" autoComplete="off" spellCheck={false} maxLength={253} value={draft.host} onChange={(event) => update({ host: event.target.value })} />
            <p className="hint" id={`${fieldId('host')}-hint`}>
              {t('settings.editor.hostHint')}
            </p>
            {fieldProblem('host')}
          </div>
          <div className="field">
            <label htmlFor={fieldId('port')}>{t('settings.editor.port')}</label>
            <input
              {...fieldProps('port')}
              className="input input--short"
              inputMode="numeric"
              autoComplete="off"
              value={draft.port}
              onChange={(event) => update({ port: event.target.value.replace(/[^\d]/g, '').slice(0, 5) })}
            />
            <p className="hint" id={`${fieldId('port')}-hint`}>
              {t('settings.editor.portHint')}
            </p>
            {fieldProblem('port')}
          </div>
        </>
      ) : null}

      {draft.driver === 'raw-tcp' || draft.driver === 'windows' ? (
        <fieldset aria-describedby={problem?.field === 'format' ? `${fieldId('format')}-problem` : undefined}>
          <legend>{t('settings.editor.format')}</legend>
          <div className="choice-row">
            {(['zpl', 'pdf'] as const).map((format) => (
              <label key={format} className="choice">
                <input
                  type="radio"
                  name={`${id}-format`}
                  id={format === draft.format ? fieldId('format') : undefined}
                  value={format}
                  checked={draft.format === format}
                  onChange={() => update({ format })}
                />
                {t(`settings.editor.format.${format}`)}
              </label>
            ))}
          </div>
          {fieldProblem('format')}
        </fieldset>
      ) : null}

      {draft.driver === 'folder' ? (
        <div className="field">
          <label htmlFor={fieldId('path')}>{t('settings.editor.path')}</label>
          <input {...fieldProps('path')} className="input" autoComplete="off" spellCheck={false} maxLength={1024} value={draft.path} onChange={(event) => update({ path: event.target.value })} />
          <p className="hint" id={`${fieldId('path')}-hint`}>
            {t('settings.editor.pathHint')}
          </p>
          {fieldProblem('path')}
        </div>
      ) : null}

      {problem ? <ErrorMessage error={problem.error} t={t} title={t('settings.editor.failed')} /> : null}

      <div className="printer-editor__actions">
        <button type="submit" className="button button--primary" disabled={isBusy}>
          {saving === documentType ? t('settings.editor.saving') : t('settings.editor.save')}
        </button>
        <button type="button" className="button" disabled={isBusy} onClick={onClose}>
          {t('settings.editor.cancel')}
        </button>
        {printer.source === 'settings' ? (
          <span className="printer-editor__use-file">
            <button
              type="button"
              className="button"
              disabled={isBusy}
              aria-describedby={`${id}-use-file-hint`}
              onClick={async () => {
                const ok = await printers.getState().useFilePrinter(documentType);
                if (ok) onClose();
              }}
            >
              {t('settings.editor.useFile')}
            </button>
            <span className="hint" id={`${id}-use-file-hint`}>
              {t('settings.editor.useFileHint')}
            </span>
          </span>
        ) : null}
      </div>
    </form>
  );
}
