import { demoLine, demoSeed } from '../../shared/demo-address';
import { parseArgs, usage } from './cli-args';
import { startDemoBackend, type DemoBackendOptions } from './server';

/*
 * npm run demo-backend -- --port N [--seed S] [--products N] [--picklists M] [--rate-limit N] [--api-key K]
 * Prints `Demo backend listening on http://127.0.0.1:N` once it accepts requests (scripts wait for
 * that first line), then the line the station prints for its embedded demo: address, key and seed.
 */

async function main(): Promise<void> {
  let options: DemoBackendOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exit(2);
  }
  // The embedded demo's seed unless told otherwise: barcodes looked up here are on the station's picklists.
  const seed = options.seed ?? demoSeed;
  const backend = await startDemoBackend({ ...options, seed });
  const isEmbeddedWarehouse = seed === demoSeed && options.products === undefined && options.picklists === undefined;
  const key = options.apiKey ?? 'any non-empty key';
  process.stdout.write(`Demo backend listening on ${backend.url}\n`);
  process.stdout.write(demoLine({ url: backend.url, apiKey: key, seed: String(seed) }, isEmbeddedWarehouse ? "the embedded demo's warehouse" : undefined));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    backend.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Demo backend failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
