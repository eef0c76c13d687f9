import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { printerConfig } from '../../../shared/printing';
import { companySettings, desktopSettings, packingSettings, shippingSettings, stationSettings } from '../../../shared/settings';
import { devicesConfigSchema } from '../../../shared/devices-config';
import { AppError } from '../../../shared/errors';

/*
 * What the Setup and Settings screens save in the data dir: which backend, warehouse, station
 * name, language, and the printers chosen in Settings (null: none, even if the file names one).
 * The API key is kept apart from it, in a file only this user may read, encrypted with the OS
 * keychain when a codec is given (Electron's safeStorage), and never sent to the renderer.
 */

const savedBackend = z.union([
  z.object({ demo: z.literal(true) }).strict(),
  z.object({ subdomain: z.string().min(1) }).strict(),
  z.object({ url: z.string().min(1) }).strict(),
]);

const savedSettingsSchema = z
  .object({
    backend: savedBackend.optional(),
    warehouse: z.number().int().positive().optional(),
    station: stationSettings.optional(),
    packing: packingSettings.optional(),
    shipping: shippingSettings.optional(),
    /** null: no company block, even if the file has one. */
    company: companySettings.nullable().optional(),
    /** The devices chosen on the Devices screen, in place of the file's section. */
    devices: devicesConfigSchema.optional(),
    /** Start at login and full screen, chosen in Settings over the file's section. */
    desktop: desktopSettings.optional(),
    printers: z
      .object({ packingSlip: printerConfig.nullable().optional(), label: printerConfig.nullable().optional(), productLabel: printerConfig.nullable().optional() })
      .strict()
      .optional(),
  })
  .strict();
export type SavedSettings = z.infer<typeof savedSettingsSchema>;

/** Encrypts the API key at rest; Electron's safeStorage in the app, absent in browser mode. */
export interface SecretCodec {
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface SettingsStore {
  load(): SavedSettings;
  save(settings: SavedSettings): void;
  readApiKey(): string | null;
  writeApiKey(apiKey: string): void;
  readonly isKeyEncrypted: boolean;
}

const plainMarker = 'plain:';

function writePrivate(path: string, data: string | Buffer): void {
  // Write beside and rename, so a crash never leaves half a settings file; 0600 from the start.
  const temp = `${path}.tmp`;
  writeFileSync(temp, data, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function createSettingsStore(dataDir: string, codec?: SecretCodec): SettingsStore {
  mkdirSync(dataDir, { recursive: true });
  const settingsPath = join(dataDir, 'station.json');
  const keyPath = join(dataDir, 'api-key');
  return {
    isKeyEncrypted: Boolean(codec),
    load() {
      if (!existsSync(settingsPath)) return {};
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(settingsPath, 'utf8'));
      } catch {
        throw new AppError('VALIDATION', `Saved settings ${settingsPath} are not valid JSON; fix or delete the file.`);
      }
      const parsed = savedSettingsSchema.safeParse(json);
      if (!parsed.success) throw new AppError('VALIDATION', `Saved settings ${settingsPath}:\n${z.prettifyError(parsed.error)}`);
      return parsed.data;
    },
    save(settings) {
      writePrivate(settingsPath, JSON.stringify(savedSettingsSchema.parse(settings), null, 2) + '\n');
    },
    readApiKey() {
      if (!existsSync(keyPath)) return null;
      const data = readFileSync(keyPath);
      if (data.subarray(0, plainMarker.length).toString('utf8') === plainMarker) return data.subarray(plainMarker.length).toString('utf8');
      if (!codec) throw new AppError('UNAUTHENTICATED', 'The saved API key is encrypted for the desktop app; enter it again in Setup.');
      return codec.decrypt(data);
    },
    writeApiKey(apiKey) {
      writePrivate(keyPath, codec ? codec.encrypt(apiKey) : Buffer.from(plainMarker + apiKey, 'utf8'));
    },
  };
}
