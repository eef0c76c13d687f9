import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

/*
 * better-sqlite3 is not N-API: its binary is tied to one runtime's module version. node_modules
 * keeps the Node build (tests, browser mode); Electron's main process loads the build the
 * postinstall fetched into native/electron/ (scripts/electron-runtime.mjs), which the packaged app
 * carries under its resources folder (electron-builder.yml extraResources).
 */

export const electronBindingFile = 'better_sqlite3.node';
export const rebuildHint = 'run npm run rebuild:electron';

/** process.versions as far as this needs it (Electron's typings declare `electron` always set; in Node it is not). */
export interface RuntimeVersions {
  node: string;
  electron?: string | undefined;
}

export interface BindingPlaces {
  /** The checkout (or app.asar) root, whose native/electron/ holds the build in development. */
  appRoot: string;
  /** Electron's process.resourcesPath, where the packaged app has native/electron/; undefined in Node. */
  resourcesPath?: string | undefined;
}

/**
 * The better-sqlite3 binary to load: undefined (its default, node_modules' build) under Node, the
 * Electron build under Electron. Throws one sentence naming what to run when that build is missing.
 */
export function nativeBindingFor(versions: RuntimeVersions, places: BindingPlaces, exists: (file: string) => boolean): string | undefined {
  const electron = versions.electron;
  if (!electron) return undefined;
  const candidates = [places.resourcesPath, places.appRoot].filter((dir): dir is string => Boolean(dir)).map((dir) => join(dir, 'native', 'electron', electronBindingFile));
  const found = candidates.find(exists);
  if (found) return found;
  throw new AppError('INTERNAL', `better-sqlite3 is not built for Electron ${electron} (no native/electron/${electronBindingFile}): ${rebuildHint}.`);
}

/**
 * The sentence for a binding that exists but does not load (built for another Electron, or for
 * Node), instead of better-sqlite3's stack; null for errors that are not about loading it.
 */
export function bindingLoadError(error: unknown, versions: RuntimeVersions): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  const isLoadFailure = code === 'ERR_DLOPEN_FAILED' || code === 'MODULE_NOT_FOUND' || /NODE_MODULE_VERSION|was compiled against a different|invalid ELF header|not a valid Win32 application|Could not locate the bindings file/.test(message);
  if (!isLoadFailure) return null;
  const runtime = versions.electron ? `Electron ${versions.electron}` : `Node ${versions.node}`;
  const fix = versions.electron ? rebuildHint : 'run npm rebuild better-sqlite3';
  return new AppError('INTERNAL', `better-sqlite3 is not built for ${runtime}: ${fix}.`, { cause: message.split('\n')[0] });
}
