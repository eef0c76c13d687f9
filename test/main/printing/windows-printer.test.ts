import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printerConfig, driverOfDiscovered, type PrinterConfig } from '../../../shared/printing';
import { driverRefusal } from '../../../electron/main/printing/driver-choice';
import { defaultPortFor } from '../../../electron/main/printing/print-service';
import { PrinterError, type PortJob } from '../../../electron/main/printing/printer-port';
import {
  createWindowsPrinter,
  discoverWindowsPrinters,
  listScript,
  healthScript,
  parseWindowsPrinterHealth,
  pdfPrintOptions,
  powershellArgs,
  rawPrintScript,
  sumatraPath,
  type PdfPrintOptions,
  type RunResult,
  type Runner,
} from '../../../electron/main/printing/windows-printer';

/*
 * What runs here of the Windows printer: the commands it builds, the driver chosen per system,
 * and the sentences when a tool fails. Nothing Windows runs: the process runner and pdf-to-printer
 * are handed in, and record what they were asked. The printing itself is verified only on Windows.
 */

const points = (mm: number) => (mm * 72) / 25.4;
const label4x6 = { width: 288, height: 432 };
const a4 = { width: points(210), height: points(297) };

const job = (patch: Partial<PortJob> = {}): PortJob => ({ id: 7, kind: 'label', picklistid: 'P2026-00012', format: 'zpl', body: Buffer.from('^XA^FDhi^FS^XZ'), target: 'windows:Zebra#7', ...patch });

const decoded = (args: string[]) => Buffer.from(args.at(-1) ?? '', 'base64').toString('utf16le');

interface Call {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The job file as it was while the program ran. */
  bytes: Buffer | null;
}

/** A runner that answers the health script with `health` and the print script with `print`, recording each call. */
function recordingRunner(health: Partial<RunResult>, print: Partial<RunResult> = {}) {
  const calls: Call[] = [];
  const run: Runner = async (file, args, options) => {
    const path = options.env.PACKDESK_RAW_FILE;
    calls.push({ file, args, env: options.env, bytes: path && existsSync(path) ? readFileSync(path) : null });
    const answer = decoded(args) === healthScript ? health : print;
    return { code: 0, stdout: '', stderr: '', ...answer };
  };
  return { run, calls };
}

const ready = { stdout: '3|False|2\r\n' };

function windowsPrinter(run: Runner, printPdf: (path: string, options: PdfPrintOptions) => Promise<void> = async () => undefined) {
  const tempDir = mkdtempSync(join(os.tmpdir(), 'pd-winprint-'));
  return { tempDir, port: createWindowsPrinter({ printer: 'ZDesigner GK420d', run, printPdf, tempDir, env: { SystemRoot: 'C:\\Windows' } }) };
}

async function failure(promise: Promise<unknown>): Promise<PrinterError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PrinterError)) throw new Error(`expected a PrinterError, got ${String(error)}`);
  return error;
}

describe('ZPL to a Windows printer through the spooler (RAW)', () => {
  it('runs PowerShell with the project script, the printer and the bytes passed beside it, and removes the file after', async () => {
    const { run, calls } = recordingRunner(ready);
    const { port, tempDir } = windowsPrinter(run);
    await port.print(job());

    expect(calls.map((c) => c.file)).toEqual(['powershell.exe', 'powershell.exe']);
    const [health, print] = calls;
    expect(health?.args).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(healthScript, 'utf16le').toString('base64')]);
    expect(health?.env).toMatchObject({ PACKDESK_PRINTER: 'ZDesigner GK420d', SystemRoot: 'C:\\Windows' });
    expect(print?.args).toEqual(powershellArgs(rawPrintScript));
    expect(print?.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(print?.env).toMatchObject({ PACKDESK_PRINTER: 'ZDesigner GK420d', PACKDESK_RAW_FILE: join(tempDir, 'job-7.zpl'), PACKDESK_DOC_NAME: 'packdesk-7-label' });
    expect(print?.bytes?.toString()).toBe('^XA^FDhi^FS^XZ');
    expect(existsSync(join(tempDir, 'job-7.zpl'))).toBe(false);
  });

  it('keeps the printer name out of the script: a name with quotes and $ is only ever an environment value', async () => {
    const { run, calls } = recordingRunner(ready);
    const tempDir = mkdtempSync(join(os.tmpdir(), 'pd-winprint-'));
    const name = `Label "A" $(Remove-Item C:\\) 'x'`;
    await createWindowsPrinter({ printer: name, run, tempDir }).print(job());
    for (const call of calls) {
      expect(decoded(call.args)).not.toContain('Remove-Item');
      expect(call.env.PACKDESK_PRINTER).toBe(name);
    }
  });

  it('calls the winspool functions in order with the RAW datatype, and gives every failure its own exit code', () => {
    const order = ['OpenPrinter(', 'StartDocPrinter(', 'StartPagePrinter(', 'WritePrinter(', 'EndPagePrinter(', 'EndDocPrinter(', 'ClosePrinter('];
    const body = rawPrintScript.slice(rawPrintScript.indexOf("'@"));
    const at = order.map((call) => body.indexOf(`[PackdeskRawPrint]::${call}`));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(rawPrintScript).toContain('DllImport("winspool.drv"');
    expect(rawPrintScript).toContain("$doc.pDatatype = 'RAW'");
    expect(rawPrintScript).toMatch(/Fail 'OpenPrinter' 2\b/);
    expect(rawPrintScript).toMatch(/Fail 'StartDocPrinter' 3\b/);
    expect(rawPrintScript).toMatch(/Fail 'EndDocPrinter' 5\b/);
    expect(rawPrintScript.indexOf("WriteLine('packdesk-raw-started')")).toBeGreaterThan(rawPrintScript.indexOf('[PackdeskRawPrint]::StartDocPrinter('));
  });

  it('words a missing printer, a refusal, a half-written job and a missing PowerShell apart', async () => {
    const started = 'packdesk-raw-started\r\n';
    const said = (stderr: string, code: number | null, errno?: string, stdout = started) => windowsPrinter(recordingRunner(ready, { code, stderr, errno, stdout }).run).port.print(job());

    const missing = await failure(said('OpenPrinter failed (Windows error 1801)\r\n', 2, undefined, ''));
    expect(missing.message).toBe('Windows could not open the printer ZDesigner GK420d (OpenPrinter failed (Windows error 1801)).');
    expect(missing.reason).toEqual({ code: 'print.windowsCannotOpen', params: { printer: 'ZDesigner GK420d', aside: ' (OpenPrinter failed (Windows error 1801))' } });
    expect(missing).toMatchObject({ isMaybeDelivered: false, isPermanent: false });

    const refused = await failure(said('StartDocPrinter failed (Windows error 5)', 3));
    expect(refused.message).toBe('Windows refused the job for ZDesigner GK420d (StartDocPrinter failed (Windows error 5)).');
    expect(refused.reason.code).toBe('print.windowsRefused');
    expect(refused.isMaybeDelivered).toBe(false);

    const half = await failure(said('WritePrinter (12 of 14 bytes) failed (Windows error 1167)', 5));
    expect(half.message).toBe('Printing to ZDesigner GK420d did not finish (WritePrinter (12 of 14 bytes) failed (Windows error 1167)). It may have printed: reprint it from History if it did not.');
    expect(half.isMaybeDelivered).toBe(true);

    const slow = await failure(said('', null));
    expect(slow.reason).toEqual({ code: 'print.windowsUnfinishedTookTooLong', params: { printer: 'ZDesigner GK420d' } });
    expect(slow.isMaybeDelivered).toBe(true);

    const crashed = await failure(said('', 1));
    expect(crashed.message).toBe('Printing to ZDesigner GK420d did not finish (exit code 1). It may have printed: reprint it from History if it did not.');
    expect(crashed.isMaybeDelivered).toBe(true);

    const beforeSpooler = await failure(said('Exception calling "ReadAllBytes"\r\nAt line:40', 1, undefined, ''));
    expect(beforeSpooler.message).toBe('PowerShell could not send the job to ZDesigner GK420d (Exception calling "ReadAllBytes").');
    expect(beforeSpooler).toMatchObject({ isMaybeDelivered: false, isPermanent: false });

    const noShell = await failure(said('', null, 'ENOENT', ''));
    expect(noShell.reason.code).toBe('print.powershellMissing');
    expect(noShell.isPermanent).toBe(true);
  });
});

describe('PDF to a Windows printer through pdf-to-printer (SumatraPDF)', () => {
  it('asks pdf-to-printer for the printer by name, silently, with the file written for it', async () => {
    const asked: Array<{ path: string; options: PdfPrintOptions; bytes: string }> = [];
    const { run } = recordingRunner(ready);
    const { port, tempDir } = windowsPrinter(run, async (path, options) => {
      asked.push({ path, options, bytes: readFileSync(path, 'latin1') });
    });
    await port.print(job({ kind: 'packing_slip', format: 'pdf', body: Buffer.from('%PDF-1.7 slip'), pageSize: a4 }));
    expect(asked).toEqual([{ path: join(tempDir, 'job-7.pdf'), options: { printer: 'ZDesigner GK420d', silent: true }, bytes: '%PDF-1.7 slip' }]);
    expect(existsSync(join(tempDir, 'job-7.pdf'))).toBe(false);
  });

  it('prints a label on label stock at its own size, and asks for copies only when there are more than one', () => {
    expect(pdfPrintOptions('Zebra', { kind: 'label', pageSize: label4x6 })).toEqual({ printer: 'Zebra', silent: true, scale: 'noscale' });
    expect(pdfPrintOptions('Zebra', { kind: 'label', pageSize: a4 })).toEqual({ printer: 'Zebra', silent: true });
    expect(pdfPrintOptions('Laser', { kind: 'packing_slip', pageSize: a4, copies: 1 })).toEqual({ printer: 'Laser', silent: true });
    expect(pdfPrintOptions('Laser', { kind: 'product_label', pageSize: null, copies: 3 })).toEqual({ printer: 'Laser', silent: true, copies: 3 });
  });

  it('says what SumatraPDF answered when it fails, and that it is missing when it is', async () => {
    const fails = (error: unknown) => windowsPrinter(recordingRunner(ready).run, async () => Promise.reject(error)).port.print(job({ format: 'pdf', body: Buffer.from('%PDF') }));

    const exited = await failure(fails(Object.assign(new Error('Command failed'), { code: 1, stderr: 'printer not found\r\n' })));
    expect(exited.message).toBe('SumatraPDF could not print to ZDesigner GK420d (exit code 1) (printer not found).');
    expect(exited).toMatchObject({ isMaybeDelivered: false, isPermanent: false });

    const hung = createWindowsPrinter({ printer: 'Laser', run: recordingRunner(ready).run, printPdf: () => new Promise(() => undefined), tempDir: mkdtempSync(join(os.tmpdir(), 'pd-winprint-')), timeoutMs: 1 });
    const late = await failure(hung.print(job({ format: 'pdf', body: Buffer.from('%PDF') })));
    expect(late.reason).toEqual({ code: 'print.sumatraTookTooLong', params: { printer: 'Laser' } });
    expect(late.isMaybeDelivered).toBe(true);

    const missing = await failure(fails(Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' })));
    expect(missing.reason.code).toBe('print.sumatraMissing');
    expect(missing.isPermanent).toBe(true);
  });

  it('finds SumatraPDF outside the app archive, where an .exe can run', () => {
    const packaged = join('C:', 'Packdesk', 'resources', 'app.asar', 'node_modules', 'pdf-to-printer', 'dist');
    expect(sumatraPath(packaged, ['bundle.js', 'SumatraPDF-3.4.6-32.exe'])).toBe(
      join('C:', 'Packdesk', 'resources', `app.asar.unpacked`, 'node_modules', 'pdf-to-printer', 'dist', 'SumatraPDF-3.4.6-32.exe'),
    );
    expect(sumatraPath(`${sep}dev${sep}dist`, ['SumatraPDF-3.4.6-32.exe'])).toBe(join(`${sep}dev${sep}dist`, 'SumatraPDF-3.4.6-32.exe'));
    expect(sumatraPath('/x', ['bundle.js'])).toBeUndefined();
  });
});

describe('pdf-to-printer itself', () => {
  const require = createRequire(import.meta.url);
  const restore: Array<() => void> = [];
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
    vi.restoreAllMocks();
  });

  it('runs SumatraPDF with -print-to <printer> -silent and the print settings for the options Packdesk gives it', async () => {
    const spawned: Array<{ file: string; args: string[] }> = [];
    // The library binds execFile when it loads and checks os.platform() when it prints: both are
    // stood in for, and the library loaded fresh, so its real argument building runs and nothing else.
    // A plain function, not a spy: util.promisify would find execFile's own promisified form on a spy.
    const cp: { execFile: unknown } = require('node:child_process');
    const realExecFile = cp.execFile;
    cp.execFile = (file: string, args: string[], callback: (error: null, stdout: string, stderr: string) => void) => {
      spawned.push({ file, args });
      callback(null, '', '');
    };
    restore.push(() => {
      cp.execFile = realExecFile;
    });
    vi.spyOn(require('node:os') as typeof os, 'platform').mockReturnValue('win32');
    const entry = require.resolve('pdf-to-printer');
    delete require.cache[entry];
    const library = require('pdf-to-printer') as typeof import('pdf-to-printer');
    delete require.cache[entry];

    const dir = mkdtempSync(join(os.tmpdir(), 'pd-sumatra-'));
    const pdf = join(dir, 'job-7.pdf');
    (await import('node:fs')).writeFileSync(pdf, '%PDF');
    await library.print(pdf, { ...pdfPrintOptions('Brother HL-L2350DW', { kind: 'product_label', copies: 2, pageSize: null }), sumatraPdfPath: 'C:\\Packdesk\\SumatraPDF.exe' });
    await library.print(pdf, pdfPrintOptions('ZDesigner GK420d', { kind: 'label', pageSize: label4x6 }));

    expect(spawned[0]).toEqual({ file: 'C:\\Packdesk\\SumatraPDF.exe', args: ['-print-to', 'Brother HL-L2350DW', '-silent', '-print-settings', '2x', pdf] });
    expect(spawned[1]?.args).toEqual(['-print-to', 'ZDesigner GK420d', '-silent', '-print-settings', 'noscale', pdf]);
    expect(spawned[1]?.file).toMatch(/SumatraPDF.*\.exe$/);
  });
});

describe('the health of a Windows printer', () => {
  it('reads Win32_Printer: missing, offline, out of paper, printing, ready', () => {
    expect(parseWindowsPrinterHealth('missing\r\n', 'Zebra')).toEqual({ state: 'offline', message: 'Windows has no printer named Zebra', reason: { code: 'printer.noWindowsPrinter', params: { printer: 'Zebra' } } });
    expect(parseWindowsPrinterHealth('3|True|2', 'Zebra')).toMatchObject({ state: 'offline', message: 'Windows has this printer set to use it offline', reason: { code: 'printer.windowsUseOffline' } });
    expect(parseWindowsPrinterHealth('1|False|4', 'Zebra')).toMatchObject({ state: 'paper_out', message: 'The printer is out of paper', reason: { code: 'printer.paperOut' } });
    expect(parseWindowsPrinterHealth('7|False|0', 'Zebra')).toMatchObject({ state: 'offline', message: 'The printer is offline', reason: { code: 'printer.offline' } });
    expect(parseWindowsPrinterHealth('4|False|2', 'Zebra')).toEqual({ state: 'printing', message: null, reason: null });
    expect(parseWindowsPrinterHealth('3|False|2', 'Zebra')).toEqual({ state: 'ready', message: null, reason: null });
    expect(parseWindowsPrinterHealth('1|False|0', 'Zebra')).toEqual({ state: 'unknown', message: null, reason: null });
  });

  it('sends nothing to a printer Windows does not have, and the queue tries again later', async () => {
    const { run, calls } = recordingRunner({ stdout: 'missing' });
    const error = await failure(windowsPrinter(run).port.print(job()));
    expect(error.message).toBe('Windows has no printer named ZDesigner GK420d');
    expect(error.reason).toEqual({ code: 'printer.noWindowsPrinter', params: { printer: 'ZDesigner GK420d' } });
    expect(error).toMatchObject({ isMaybeDelivered: false, isPermanent: false });
    expect(calls).toHaveLength(1);
  });

  it('is unknown, with PowerShell’s words, when the query fails', async () => {
    const { run } = recordingRunner({ code: 1, stderr: 'Get-CimInstance : Access denied' });
    expect(await windowsPrinter(run).port.health()).toEqual({ state: 'unknown', message: 'Get-CimInstance : Access denied', reason: null });
  });
});

describe('the printers Windows lists, without Electron', () => {
  it('asks PowerShell for Win32_Printer names and offers each as a Windows printer', async () => {
    const calls: string[][] = [];
    const found = await discoverWindowsPrinters(async (file, args) => {
      calls.push([file, ...args]);
      return { code: 0, stdout: 'ZDesigner GK420d\r\nMicrosoft Print to PDF\r\n\r\n', stderr: '' };
    });
    expect(calls).toEqual([['powershell.exe', ...powershellArgs(listScript)]]);
    expect(found).toEqual([
      { name: 'ZDesigner GK420d', state: 'unknown', message: null, source: 'system' },
      { name: 'Microsoft Print to PDF', state: 'unknown', message: null, source: 'system' },
    ]);
  });

  it('finds none when PowerShell fails or is missing', async () => {
    expect(await discoverWindowsPrinters(async () => ({ code: 1, stdout: '', stderr: 'Access denied' }))).toEqual([]);
    expect(await discoverWindowsPrinters(async () => ({ code: null, stdout: '', stderr: '', errno: 'ENOENT' }))).toEqual([]);
  });
});

describe('the driver per operating system', () => {
  const windows: PrinterConfig = { driver: 'windows', printer: 'ZDesigner GK420d', format: 'zpl' };
  const cups: PrinterConfig = { driver: 'cups', queue: 'Zebra_GK420' };

  it('prints to a discovered printer with windows on Windows (the system lists it) and cups where CUPS lists it', () => {
    expect(driverOfDiscovered('system')).toBe('windows');
    expect(driverOfDiscovered('cups')).toBe('cups');
  });

  it('uses the windows driver only on Windows, CUPS on Linux and macOS, raw TCP and folders everywhere', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(driverRefusal('windows', platform) === null).toBe(platform === 'win32');
      expect(driverRefusal('cups', platform) === null).toBe(platform !== 'win32');
      expect(driverRefusal('raw-tcp', platform)).toBeNull();
      expect(driverRefusal('folder', platform)).toBeNull();
    }
    expect(driverRefusal('windows', 'darwin')).toEqual({ code: 'print.driverNotOnThisSystem', params: { driver: 'windows', system: 'macOS' } });
    expect(driverRefusal('cups', 'win32')).toEqual({ code: 'print.driverNotOnThisSystem', params: { driver: 'cups', system: 'Windows' } });
  });

  it('builds the driver the system can run', () => {
    expect(defaultPortFor(windows, 'win32').description).toBe('windows:ZDesigner GK420d');
    expect(defaultPortFor(cups, 'darwin').description).toBe('cups:Zebra_GK420');
    expect(defaultPortFor(cups, 'linux').description).toBe('cups:Zebra_GK420');
  });

  it('refuses, without a crash, a printer whose driver this system cannot run: each job fails at once with the reason', async () => {
    const port = defaultPortFor(windows, 'linux');
    expect(port.description).toBe('windows:ZDesigner GK420d');
    expect(await port.health()).toEqual({ state: 'offline', message: 'The windows printer driver does not work on Linux: choose another way to reach this printer in Settings.', reason: { code: 'print.driverNotOnThisSystem', params: { driver: 'windows', system: 'Linux' } } });
    const error = await failure(port.print(job()));
    expect(error.isPermanent).toBe(true);
    expect(error.reason).toEqual({ code: 'print.driverNotOnThisSystem', params: { driver: 'windows', system: 'Linux' } });
    expect((await failure(defaultPortFor(cups, 'win32').print(job()))).isPermanent).toBe(true);
  });
});

describe('a Windows printer in the config', () => {
  it('takes the printer by name, PDF unless it says ZPL', () => {
    expect(printerConfig.parse({ driver: 'windows', printer: '  Brother HL-L2350DW  ' })).toEqual({ driver: 'windows', printer: 'Brother HL-L2350DW', format: 'pdf' });
    expect(printerConfig.parse({ driver: 'windows', printer: 'ZDesigner GK420d', format: 'zpl' })).toEqual({ driver: 'windows', printer: 'ZDesigner GK420d', format: 'zpl' });
  });

  it('refuses a missing name, a bad format and fields of other drivers', () => {
    const empty = printerConfig.safeParse({ driver: 'windows', printer: ' ' });
    expect(empty.success ? [] : empty.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['printer', 'Choose a Windows printer']]);
    expect(printerConfig.safeParse({ driver: 'windows', printer: 'Zebra', format: 'epl' }).success).toBe(false);
    expect(printerConfig.safeParse({ driver: 'windows', printer: 'Zebra', queue: 'Zebra' }).success).toBe(false);
    expect(printerConfig.safeParse({ driver: 'windows' }).success).toBe(false);
  });
});
