import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { backendInput } from '../../../shared/contract';
import { printerConfig } from '../../../shared/printing';
import { companySettings, packingSettings, stationSettings } from '../../../shared/settings';
import { devicesConfigSchema } from '../devices/config';
import { AppError } from '../../../shared/errors';
import { describeZodError } from '../transport/dispatch';

/*
 * The station config: one JSON file per station (DESIGN.md), written by the IT person, plus what
 * the Setup screen saved in the data dir. Every field is checked here, once, with a message that
 * names the field, so a typo in the file never turns into a strange failure later.
 */

export type { PrinterConfig } from '../../../shared/printing';

export const stationConfigSchema = z
  .object({
    backend: backendInput.optional(),
    warehouse: z.number().int().positive().optional(),
    station: stationSettings.optional(),
    packing: packingSettings.optional(),
    company: companySettings.optional(),
    printers: z
      .object({ packingSlip: printerConfig.optional(), label: printerConfig.optional(), productLabel: printerConfig.optional() })
      .strict()
      .optional(),
    /** Scanners and a scale the station reads itself (HID POS, serial); keyboard-wedge scanners need nothing here. */
    devices: devicesConfigSchema.optional(),
  })
  .strict();
export type StationConfig = z.infer<typeof stationConfigSchema>;

export interface LaunchOptions {
  isWeb: boolean;
  port: number;
  shouldOpen: boolean;
  configPath: string | null;
  dataDir: string;
  isHelp: boolean;
  /** Browser mode: replace the data dir's access secret, so every earlier link and cookie stops working. */
  shouldRotateToken: boolean;
  /** Make a new badge secret for the account the station starts on: every badge printed before stops signing in. */
  shouldRotateBadgeSecret: boolean;
}

const usage = `Usage: packdesk [--web] [--port N] [--no-open] [--config FILE] [--data-dir DIR] [--rotate-token] [--rotate-badge-secret]
  --web          run in browser mode (HTTP on 127.0.0.1) instead of an Electron window
  --port N       browser-mode port (default 4810; 0 picks a free one)
  --no-open      do not open a browser window in browser mode
  --config FILE  station config file (or PACKDESK_CONFIG)
  --data-dir DIR database, logs and print journal (or PACKDESK_DATA_DIR)
  --rotate-token browser mode: new access link; browsers let in before must use the new one
  --rotate-badge-secret new badge secret: badges printed before stop working, print them again`;

export function usageText(): string {
  return usage;
}

/** Where a station keeps its database when nobody says otherwise, per OS convention. */
type Printers = NonNullable<StationConfig['printers']>;

/**
 * The demo station's printers when none is set up: folders under the data dir
 * (data/printed/labels, .../packing-slips, .../product-labels), so the first parcel a newcomer
 * packs prints files History can show instead of two failed prints. Once anyone chose a printer
 * (the config file or Settings, even "no printer" for a type) the station prints as they set it.
 */
export function withDemoPrinters(printers: StationConfig['printers'], chosen: Partial<Record<keyof Printers, unknown>> | undefined, dataDir: string): StationConfig['printers'] {
  const isSetUp = Object.values(printers ?? {}).some(Boolean) || Object.keys(chosen ?? {}).length > 0;
  if (isSetUp) return printers;
  const printed = join(dataDir, 'printed');
  return {
    label: { driver: 'folder', path: join(printed, 'labels') },
    packingSlip: { driver: 'folder', path: join(printed, 'packing-slips') },
    productLabel: { driver: 'folder', path: join(printed, 'product-labels') },
  };
}

export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Packdesk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Packdesk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'packdesk');
}

/** Flags win over the environment, which wins over defaults. */
export function parseLaunchOptions(argv: string[], env: NodeJS.ProcessEnv): LaunchOptions {
  const options: LaunchOptions = {
    isWeb: false,
    port: 4810,
    shouldOpen: true,
    configPath: env.PACKDESK_CONFIG ? resolve(env.PACKDESK_CONFIG) : null,
    dataDir: resolve(env.PACKDESK_DATA_DIR || defaultDataDir(env)),
    isHelp: false,
    shouldRotateToken: false,
    shouldRotateBadgeSecret: false,
  };
  const valueOf = (flag: string, index: number): string => {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new AppError('VALIDATION', `${flag} needs a value.\n${usage}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const value = valueOf(flag, i);
      i++;
      return value;
    };
    switch (flag) {
      case '--web':
        options.isWeb = true;
        break;
      case '--no-open':
        options.shouldOpen = false;
        break;
      case '--port': {
        const raw = take();
        const port = Number(raw);
        if (!/^\d+$/.test(raw) || port > 65535) throw new AppError('VALIDATION', `--port: "${raw}" is not a port number (0-65535).`);
        options.port = port;
        break;
      }
      case '--config':
        options.configPath = resolve(take());
        break;
      case '--data-dir':
        options.dataDir = resolve(take());
        break;
      case '--rotate-token':
        options.shouldRotateToken = true;
        break;
      case '--rotate-badge-secret':
        options.shouldRotateBadgeSecret = true;
        break;
      case '--help':
      case '-h':
        options.isHelp = true;
        break;
      default:
        // Electron and Chromium add switches of their own (--inspect, --enable-logging, ...) and
        // the first entries of argv are the executables: only our own flags are ours to refuse.
        if (flag.startsWith('--') && !flag.startsWith('--inspect') && !flag.startsWith('--enable-') && !flag.startsWith('--remote-')) {
          throw new AppError('VALIDATION', `Unknown option ${flag}.\n${usage}`);
        }
    }
  }
  return options;
}

/** Parses config JSON text; the error names the file and the first bad field. */
export function parseStationConfig(text: string, source: string): StationConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `Station config ${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = stationConfigSchema.safeParse(json);
  if (!parsed.success) throw new AppError('VALIDATION', `Station config ${source}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export function loadStationConfigFile(path: string | null): StationConfig {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('VALIDATION', `Station config ${path} cannot be read (${code ?? 'error'}).`);
  }
  return parseStationConfig(text, path);
}
