// Builds the three parts of Packdesk into out/: main (ESM, its options in main-build.mjs), the
// preload (CommonJS: Electron's sandboxed preloads cannot be ES modules), and the renderer (vite).
// esbuild for the Node side because it needs no config and bundles shared/ in one pass; vite for
// the renderer because of React and CSS.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import { mainBuildOptions } from './main-build.mjs';

const root = new URL('..', import.meta.url);
const quiet = process.argv.includes('--quiet') || process.env.CI === 'true';

rmSync(new URL('out/main', root), { recursive: true, force: true });
rmSync(new URL('out/preload', root), { recursive: true, force: true });

await esbuild({ ...mainBuildOptions, logLevel: quiet ? 'warning' : 'info' });

await esbuild({
  entryPoints: { index: 'electron/preload/index.ts' },
  outdir: 'out/preload',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: quiet ? 'warning' : 'info',
});

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' });
