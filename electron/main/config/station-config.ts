import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { backendInput } from '../../../shared/contract';
import { printerConfig } from '../../../shared/printing';
import { companySettings, desktopSettings, packingSettings, shippingSettings, stationSettings, updatesConfig } from '../../../shared/settings';
import { devicesConfigSchema } from '../devices/config';
import { AppError } from '../../../shared/errors';

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
    /** The carriers' cut-offs per shipping profile. */
    shipping: shippingSettings.optional(),
    company: companySettings.optional(),
    printers: z
      .object({ packingSlip: printerConfig.optional(), label: printerConfig.optional(), productLabel: printerConfig.optional() })
      .strict()
      .optional(),
    /** Scanners and a scale the station reads itself (HID POS, serial); keyboard-wedge scanners need nothing here. */
    devices: devicesConfigSchema.optional(),
    /** The desktop app: start at login, full screen. */
    desktop: desktopSettings.optional(),
    /** The desktop app's update folder; no updates are looked for without it. */
    updates: updatesConfig.optional(),
  })
  .strict();
export type StationConfig = z.infer<typeof stationConfigSchema>;

export type ConfigSource = 'flag' | 'env' | 'app-dir' | null;

/** The file a fleet's IT person drops next to the installed app; `config.export` suggests this name. */
export const provisionedConfigName = 'packdesk-station.json';

/** What `config.export` writes in place of the API key; a file still holding it is refused at start. */
export const apiKeyPlaceholder = '<enter the API key>';

export interface LaunchOptions {
  isWeb: boolean;
  port: number;
  shouldOpen: boolean;
  configPath: string | null;
  /** How the config file was found: `--config`, PACKDESK_CONFIG, next to the installed app, or none. */
  configSource: ConfigSource;
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
  --config FILE  station config file (or PACKDESK_CONFIG; else packdesk-station.json next to the app)
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

const launchFlags = {
  web: { type: 'boolean' },
  port: { type: 'string' },
  'no-open': { type: 'boolean' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'rotate-token': { type: 'boolean' },
  'rotate-badge-secret': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const isLaunchFlag = (name: string): name is keyof typeof launchFlags => Object.hasOwn(launchFlags, name);

/** Electron and Chromium add switches of their own: only our own flags are ours to refuse. */
const isRuntimeSwitch = (name: string): boolean => name.startsWith('inspect') || name.startsWith('enable-') || name.startsWith('remote-');

/**
 * The folders an installed desktop app counts as "next to the app", most specific first. The
 * Windows portable build runs from a temp folder it unpacks to and says where the .exe the user
 * started lies in PORTABLE_EXECUTABLE_DIR; an AppImage runs from a mount and names itself in
 * APPIMAGE; on macOS the executable sits inside Packdesk.app, so the folder holding the bundle
 * counts too.
 */
export function installDirs(exePath: string, env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  if (env.PORTABLE_EXECUTABLE_DIR) dirs.push(env.PORTABLE_EXECUTABLE_DIR);
  if (env.APPIMAGE) dirs.push(dirname(env.APPIMAGE));
  const exeDir = dirname(exePath);
  const bundle = /^(.*)[\\/][^\\/]+\.app[\\/]Contents[\\/]MacOS$/.exec(exeDir);
  if (bundle?.[1]) dirs.push(bundle[1]);
  dirs.push(exeDir);
  return [...new Set(dirs.map((dir) => resolve(dir)))];
}

/** The first `packdesk-station.json` in the given folders, or null. */
export function findProvisionedConfig(dirs: readonly string[], exists: (path: string) => boolean = existsSync): string | null {
  for (const dir of dirs) {
    const path = join(dir, provisionedConfigName);
    if (exists(path)) return path;
  }
  return null;
}

/**
 * Flags win over the environment, which wins over defaults. The config file: `--config FILE`,
 * else PACKDESK_CONFIG, else `packdesk-station.json` in one of `appDirs` (the installed desktop
 * app's folders; browser mode passes none, since a checkout is not an install), else none.
 */
export function parseLaunchOptions(argv: string[], env: NodeJS.ProcessEnv, appDirs: readonly string[] = []): LaunchOptions {
  // Not strict: the first entries of argv are the executables and the runtime's switches come
  // along; the tokens say which flags were given, so ours are checked here with our own words.
  const { values, tokens } = parseArgs({ args: argv, options: launchFlags, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!isLaunchFlag(token.name)) {
      if (token.rawName.startsWith('--') && !isRuntimeSwitch(token.name)) throw new AppError('VALIDATION', `Unknown option ${token.rawName}.\n${usage}`);
      continue;
    }
    // A string flag at the end, or followed by another flag, has no value of its own.
    if (launchFlags[token.name].type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))) {
      throw new AppError('VALIDATION', `${token.rawName} needs a value.\n${usage}`);
    }
  }
  const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
  const rawPort = text(values.port);
  if (rawPort !== undefined && (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535)) {
    throw new AppError('VALIDATION', `--port: "${rawPort}" is not a port number (0-65535).`);
  }
  const flagConfig = text(values.config);
  const [configPath, configSource]: [string | null, ConfigSource] =
    flagConfig !== undefined
      ? [flagConfig || null, flagConfig ? 'flag' : null]
      : env.PACKDESK_CONFIG
        ? [env.PACKDESK_CONFIG, 'env']
        : [findProvisionedConfig(appDirs), 'app-dir'];
  return {
    isWeb: values.web === true,
    port: rawPort === undefined ? 4810 : Number(rawPort),
    shouldOpen: values['no-open'] !== true,
    configPath: configPath ? resolve(configPath) : null,
    configSource: configPath ? configSource : null,
    dataDir: resolve(text(values['data-dir']) ?? (env.PACKDESK_DATA_DIR || defaultDataDir(env))),
    isHelp: values.help === true,
    shouldRotateToken: values['rotate-token'] === true,
    shouldRotateBadgeSecret: values['rotate-badge-secret'] === true,
  };
}

/** Parses config JSON text; the error names the file and every bad field, one per line. */
export function parseStationConfig(text: string, source: string): StationConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `Station config ${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = stationConfigSchema.safeParse(json);
  if (!parsed.success) throw new AppError('VALIDATION', `Station config ${source}:\n${z.prettifyError(parsed.error)}`);
  const { backend } = parsed.data;
  // An exported config copied to a station before anyone put the key in: say so here, not as a
  // refused sign-in to Picqer later.
  if (backend && 'apiKey' in backend && backend.apiKey === apiKeyPlaceholder) {
    throw new AppError('VALIDATION', `Station config ${source}: backend.apiKey is still "${apiKeyPlaceholder}"; put the Picqer API key there.`);
  }
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
