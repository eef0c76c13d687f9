import { AppError } from '../../../shared/errors';
import { reason } from '../../../shared/reasons';
import { driverRefusal } from '../printing/driver-choice';
import { readPackingStations } from '../printing/packing-stations';
import { effectivePrinters, withPrinterChoice, withSources } from '../config/printer-settings';
import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* The printers in force and where each comes from, a test page, the ones to choose from, and a choice made. */
export function printerHandlers({ life, settings, events, localPrinters, acks }: Pick<StationContext, 'life' | 'settings' | 'events' | 'localPrinters' | 'acks'>) {
  const sources = () => settings.printerSources(life.connected()?.backend ?? null);
  const printers = () => requireRuntime(life.runtime()).printers;
  return {
    'printers.list': async () => withSources(await printers().list(), sources()),
    'printers.test': ({ documentType }) => printers().test(documentType),
    'printers.discover': () => localPrinters(),
    'printers.packingStations': async () => {
      const connected = life.connected();
      if (!connected) throw new AppError('VALIDATION', reason('station.connectFirst'));
      return readPackingStations(connected.backend.api);
    },
    'printers.set': async (input) => {
      life.refuseInPractice();
      // Refused before it is saved: a printer this system cannot reach would fail every job.
      const refusal = 'printer' in input && input.printer ? driverRefusal(input.printer.driver, process.platform) : null;
      if (refusal) throw new AppError('VALIDATION', refusal);
      const running = requireRuntime(life.runtime());
      settings.save(withPrinterChoice(settings.saved(), input.documentType, 'useFile' in input ? 'file' : input.printer));
      const inForce = effectivePrinters(settings.file.printers, settings.saved().printers).printers;
      const live = life.connected();
      running.printing.setPrinters(live ? settings.printersFor(live.backend, inForce) : inForce);
      events.emit('printers.changed', withSources(await running.printers.list(), sources()));
      return acks.bus();
    },
    'print.retry': ({ id }) => printers().retry(id),
  } satisfies HandlersOf<'printers' | 'print'>;
}
