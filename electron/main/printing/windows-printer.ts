import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { CupsQueue, PrinterHealth } from '../../../shared/printing';
import { fitsLabelStock, labelPageOf } from '../documents/label-pdf';
import { createLogger } from '../infra/log';
import { aside, reason } from '../../../shared/reasons';
import { healthOf, PrinterError, type PortJob, type PrinterPort } from './printer-port';

/*
 * An installed Windows printer, by name. Two paths, chosen by the job's format:
 * - PDF (packing slips, PDF labels): pdf-to-printer, which runs the SumatraPDF it ships with
 *   `-print-to <printer> -silent`; SumatraPDF renders the pages through the printer's driver.
 * - ZPL: the bytes go to the spooler untouched with the RAW datatype, through a short PowerShell
 *   script that calls winspool.drv (OpenPrinter, StartDocPrinter with DOC_INFO_1 "RAW",
 *   StartPagePrinter, WritePrinter, EndPagePrinter, EndDocPrinter, ClosePrinter). The printer
 *   name and the file come in environment variables, never inside the script text, so no name
 *   can be read as PowerShell.
 * Both are verified here only as far as the commands they build (test/main/printing/windows-printer.test.ts);
 * the printing itself only on a Windows machine.
 */

const log = createLogger('windows-printer');

export interface RunResult {
  /** The exit code; null when the process did not exit by itself (killed on timeout) or never started. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** ENOENT when the program is not there. */
  errno?: string;
}

/** Runs a program without a shell and answers how it ended; never rejects. Tests hand in their own. */
export type Runner = (file: string, args: string[], options: { env: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<RunResult>;

export const runProcess: Runner = (file, args, options) =>
  new Promise((resolve) => {
    execFile(file, args, { env: options.env, timeout: options.timeoutMs, windowsHide: true, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      const errno = typeof error.code === 'string' ? error.code : undefined;
      resolve({ code: typeof error.code === 'number' ? error.code : null, stdout, stderr, errno });
    });
  });

/** pdf-to-printer's options, as far as Packdesk sets them. */
export interface PdfPrintOptions {
  printer: string;
  silent: true;
  copies?: number;
  scale?: 'noscale' | 'shrink' | 'fit';
  sumatraPdfPath?: string;
}

export type PdfPrint = (path: string, options: PdfPrintOptions) => Promise<void>;

const require = createRequire(import.meta.url);

/**
 * Where pdf-to-printer's SumatraPDF is. The library finds it itself, except in a packaged app
 * with an ES module main: its "inside app.asar" check reads process.mainModule, which an ES module
 * does not set, and an .exe cannot run from inside the archive (electron-builder unpacks it).
 */
export function sumatraPath(libraryDir: string, files: string[]): string | undefined {
  const exe = files.find((name) => /^SumatraPDF.*\.exe$/i.test(name));
  return exe ? join(libraryDir, exe).replace(`app.asar${sep}`, `app.asar.unpacked${sep}`) : undefined;
}

/** pdf-to-printer's print, loaded only when a PDF goes to a Windows printer. */
export const printWithLibrary: PdfPrint = async (path, options) => {
  type Print = typeof import('pdf-to-printer').print;
  const library: { print?: Print; default?: { print?: Print } } = await import('pdf-to-printer');
  // A CommonJS bundle: Node's ES module loader may offer its exports only as the default.
  const print = library.print ?? library.default?.print;
  if (!print) throw new Error('pdf-to-printer has no print function');
  const dir = dirname(require.resolve('pdf-to-printer'));
  const exe = sumatraPath(dir, readdirSync(dir));
  await print(path, exe ? { ...options, sumatraPdfPath: exe } : options);
};

/** The pdf-to-printer options for one PDF job: a label on label stock at its own size, like the cups driver. */
export function pdfPrintOptions(printer: string, job: Pick<PortJob, 'kind' | 'pageSize' | 'copies'>): PdfPrintOptions {
  const options: PdfPrintOptions = { printer, silent: true };
  if (job.copies && job.copies > 1) options.copies = job.copies;
  // SumatraPDF's default shrinks a page larger than the paper; a label shrunk fails the carrier's scanner.
  if (job.kind === 'label' && job.pageSize && fitsLabelStock(labelPageOf(job.pageSize))) options.scale = 'noscale';
  return options;
}

/* Exit codes of the RAW script, each saying how far the job got. */
const exitNoPrinter = 2;
const exitRefused = 3;
const exitNotWritten = 4;
const exitMaybeWritten = 5;
/** Written once the spooler has a document: a script that dies after it may have printed something. */
const startedMark = 'packdesk-raw-started';

export const rawPrintScript = `$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class PackdeskRawPrint {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOC_INFO_1 {
    [MarshalAs(UnmanagedType.LPWStr)] public string pDocName;
    [MarshalAs(UnmanagedType.LPWStr)] public string pOutputFile;
    [MarshalAs(UnmanagedType.LPWStr)] public string pDatatype;
  }
  [DllImport("winspool.drv", EntryPoint = "OpenPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  public static extern bool OpenPrinter(string pPrinterName, out IntPtr phPrinter, IntPtr pDefault);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool ClosePrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", EntryPoint = "StartDocPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  public static extern int StartDocPrinter(IntPtr hPrinter, int level, [In] DOC_INFO_1 pDocInfo);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool StartPagePrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool WritePrinter(IntPtr hPrinter, byte[] pBuf, int cbBuf, out int pcWritten);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool EndPagePrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool EndDocPrinter(IntPtr hPrinter);
  [DllImport("winspool.drv", SetLastError = true)]
  public static extern bool AbortPrinter(IntPtr hPrinter);
}
'@
function Fail([string] $step, [int] $code) {
  $err = [Runtime.InteropServices.Marshal]::GetLastWin32Error()
  [Console]::Error.WriteLine("$step failed (Windows error $err)")
  exit $code
}
$bytes = [IO.File]::ReadAllBytes($env:PACKDESK_RAW_FILE)
$handle = [IntPtr]::Zero
if (-not [PackdeskRawPrint]::OpenPrinter($env:PACKDESK_PRINTER, [ref] $handle, [IntPtr]::Zero)) { Fail 'OpenPrinter' ${exitNoPrinter} }
try {
  $doc = New-Object PackdeskRawPrint+DOC_INFO_1
  $doc.pDocName = $env:PACKDESK_DOC_NAME
  $doc.pDatatype = 'RAW'
  if ([PackdeskRawPrint]::StartDocPrinter($handle, 1, $doc) -eq 0) { Fail 'StartDocPrinter' ${exitRefused} }
  [Console]::Out.WriteLine('${startedMark}')
  if (-not [PackdeskRawPrint]::StartPagePrinter($handle)) { [void][PackdeskRawPrint]::AbortPrinter($handle); Fail 'StartPagePrinter' ${exitNotWritten} }
  $written = 0
  $isWritten = [PackdeskRawPrint]::WritePrinter($handle, $bytes, $bytes.Length, [ref] $written)
  if (-not $isWritten -and $written -eq 0) { [void][PackdeskRawPrint]::AbortPrinter($handle); Fail 'WritePrinter' ${exitNotWritten} }
  if (-not $isWritten -or $written -ne $bytes.Length) { [void][PackdeskRawPrint]::AbortPrinter($handle); Fail "WritePrinter ($written of $($bytes.Length) bytes)" ${exitMaybeWritten} }
  if (-not [PackdeskRawPrint]::EndPagePrinter($handle)) { Fail 'EndPagePrinter' ${exitMaybeWritten} }
  if (-not [PackdeskRawPrint]::EndDocPrinter($handle)) { Fail 'EndDocPrinter' ${exitMaybeWritten} }
} finally {
  [void][PackdeskRawPrint]::ClosePrinter($handle)
}
exit 0
`;

/** A printer's state by name: "missing", or "PrinterStatus|WorkOffline|DetectedErrorState" from Win32_Printer. */
export const healthScript = `$ProgressPreference = 'SilentlyContinue'
$p = Get-CimInstance -ClassName Win32_Printer | Where-Object { $_.Name -eq $env:PACKDESK_PRINTER } | Select-Object -First 1
if (-not $p) { 'missing'; exit 0 }
"$($p.PrinterStatus)|$($p.WorkOffline)|$($p.DetectedErrorState)"
`;

/** Every printer Windows has, one name a line. */
export const listScript = `$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)
Get-CimInstance -ClassName Win32_Printer | ForEach-Object { $_.Name }
`;

/** PowerShell's -EncodedCommand takes the script as base64 of its UTF-16LE text: no quoting of any kind. */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

export const powershell = 'powershell.exe';

/** Reads the health script's answer (Win32_Printer: PrinterStatus 3 idle, 4 printing, 7 offline; DetectedErrorState 4 no paper, 9 offline). */
export function parseWindowsPrinterHealth(text: string, printer: string): PrinterHealth {
  const answer = text.trim();
  if (answer === 'missing') return healthOf('offline', reason('printer.noWindowsPrinter', { printer }));
  const [status = '', workOffline = '', detected = ''] = answer.split('|');
  if (workOffline === 'True') return healthOf('offline', reason('printer.windowsUseOffline'));
  if (detected === '4') return healthOf('paper_out', reason('printer.paperOut'));
  if (detected === '9' || status === '7') return healthOf('offline', reason('printer.offline'));
  if (status === '4') return healthOf('printing', null);
  if (status === '3') return healthOf('ready', null);
  return healthOf('unknown', null);
}

/**
 * The printers Windows has, for Settings where Electron's list is not there (browser mode on a
 * Windows station). Empty when PowerShell cannot tell; the desktop app's list still comes from Electron.
 */
export async function discoverWindowsPrinters(run: Runner = runProcess): Promise<CupsQueue[]> {
  const result = await run(powershell, powershellArgs(listScript), { env: process.env, timeoutMs: 15_000 });
  if (result.code !== 0) {
    log.info('no Windows printer list', { code: result.code, error: result.stderr.trim() || result.errno });
    return [];
  }
  return result.stdout
    .split(/\r?\n/)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ name, state: 'unknown', message: null, source: 'system' }));
}

export interface WindowsPrinterOptions {
  printer: string;
  run?: Runner;
  printPdf?: PdfPrint;
  /** Where a job's bytes are written for the program that prints them. */
  tempDir?: string;
  /** The environment the programs run in; the printer and file are added to it. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createWindowsPrinter(options: WindowsPrinterOptions): PrinterPort {
  const { printer } = options;
  const run = options.run ?? runProcess;
  const printPdf = options.printPdf ?? printWithLibrary;
  const tempDir = options.tempDir ?? join(tmpdir(), 'packdesk-windows-print');
  const baseEnv = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const description = `windows:${printer}`;

  const health = async (): Promise<PrinterHealth> => {
    const result = await run(powershell, powershellArgs(healthScript), { env: { ...baseEnv, PACKDESK_PRINTER: printer }, timeoutMs: 15_000 });
    if (result.code !== 0) return { state: 'unknown', message: result.stderr.trim() || null, reason: null };
    return parseWindowsPrinterHealth(result.stdout, printer);
  };

  const printRaw = async (job: PortJob, file: string) => {
    const env = { ...baseEnv, PACKDESK_PRINTER: printer, PACKDESK_RAW_FILE: file, PACKDESK_DOC_NAME: `packdesk-${job.id}-${job.kind}` };
    const result = await run(powershell, powershellArgs(rawPrintScript), { env, timeoutMs });
    if (result.code === 0) return;
    const said = result.stderr.trim();
    if (result.errno === 'ENOENT') throw new PrinterError(reason('print.powershellMissing'), { isPermanent: true });
    switch (result.code) {
      case exitNoPrinter:
        throw new PrinterError(reason('print.windowsCannotOpen', { printer, aside: aside(said) }));
      case exitRefused:
      case exitNotWritten:
        throw new PrinterError(reason('print.windowsRefused', { printer, aside: aside(said) }));
      default:
        if (!result.stdout.includes(startedMark)) {
          // PowerShell failed before the spooler had a document (the file, Add-Type): nothing was sent.
          throw new PrinterError(
            said
              ? reason('print.powershellFailed', { printer, aside: aside(said.split(/\r?\n/)[0]) })
              : result.code === null
                ? reason('print.powershellTookTooLong', { printer })
                : reason('print.powershellExited', { printer, exitCode: result.code }),
          );
        }
        // Written in part, or the script stopped or was stopped where nobody can tell how far it got.
        throw new PrinterError(
          said
            ? reason('print.windowsUnfinished', { printer, aside: aside(said) })
            : result.code === null
              ? reason('print.windowsUnfinishedTookTooLong', { printer })
              : reason('print.windowsUnfinishedExited', { printer, exitCode: result.code }),
          { isMaybeDelivered: true },
        );
    }
  };

  const printPdfJob = async (job: PortJob, file: string) => {
    let timer: NodeJS.Timeout | undefined;
    // pdf-to-printer sets no time limit: a SumatraPDF that never returns would hold up every job here.
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([printPdf(file, pdfPrintOptions(printer, job)), late]);
      if (outcome === 'late') throw new PrinterError(reason('print.sumatraTookTooLong', { printer }), { isMaybeDelivered: true });
    } catch (error) {
      if (error instanceof PrinterError) throw error;
      // pdf-to-printer rejects with execFile's error: code is the exit code, or ENOENT.
      const code = (error as { code?: unknown } | null)?.code;
      const said = String((error as { stderr?: unknown } | null)?.stderr ?? '').trim();
      if (code === 'ENOENT') throw new PrinterError(reason('print.sumatraMissing'), { isPermanent: true });
      if (typeof code === 'number') throw new PrinterError(reason('print.sumatraFailed', { printer, exitCode: code, aside: aside(said) }));
      throw new PrinterError(reason('print.windowsCouldNotPrint', { printer, aside: aside(describe(error)) }));
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    description,
    plan: (job) => `${description}#${job.id}`,
    async print(job: PortJob) {
      const before = await health();
      // Nothing was sent: the queue waits and tries again, and Settings shows why.
      if (before.state === 'offline') throw new PrinterError(before.reason ?? reason('printer.offline'));
      mkdirSync(tempDir, { recursive: true });
      const file = join(tempDir, `job-${job.id}.${job.format}`);
      writeFileSync(file, job.body);
      try {
        if (job.format === 'zpl') await printRaw(job, file);
        else await printPdfJob(job, file);
      } finally {
        rmSync(file, { force: true });
      }
      log.info('printed', { printer, id: job.id, format: job.format });
    },
    // The spooler's job list does not name our job after it printed.
    wasDelivered: async () => null,
    health: async () => {
      try {
        return await health();
      } catch (error) {
        return { state: 'unknown', message: describe(error), reason: null };
      }
    },
  };
}
