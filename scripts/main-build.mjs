// The esbuild options of the main process, in one place: scripts/build.mjs builds with them and
// test/main/build-bundle.test.ts builds with them in memory to check what each output holds.
//
// ESM with Node built-ins and node_modules left external, so native modules load from
// node_modules. `splitting` lets a lazy import() become a chunk of its own: the demo Picqer
// (electron/picqer-demo/) is loaded only for demo and practice mode, so it must not be in index.js
// or cli.js. Modules it shares with the station (infra/log, infra/clock) go to shared chunks, one
// copy each, so the embedded demo logs to the station's log. Chunks sit beside the entry files
// (no subfolder): code that finds files from import.meta.url works the same in any of them.
export const mainBuildOptions = {
  entryPoints: { index: 'electron/main/index.ts', cli: 'electron/main/cli.ts' },
  outdir: 'out/main',
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
};
