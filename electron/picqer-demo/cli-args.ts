import { parseArgs as parseFlags, type ParseArgsConfig } from 'node:util';
import type { DemoBackendOptions } from './server';
import { applyVariant } from './variants';

export const usage = 'Usage: demo-backend --port N [--seed S] [--products N] [--picklists M] [--rate-limit N] [--api-key K] [--variant NAME[=VALUE] ...]';

const flags = {
  port: { type: 'string' },
  seed: { type: 'string' },
  products: { type: 'string' },
  picklists: { type: 'string' },
  'rate-limit': { type: 'string' },
  'api-key': { type: 'string' },
  variant: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

const isFlag = (name: string): name is keyof typeof flags => Object.hasOwn(flags, name);

/** Reads the CLI flags; throws an Error with a message for the user on anything unexpected. */
export function parseArgs(argv: string[]): DemoBackendOptions {
  // Not strict, so that an unknown flag or a missing value is refused below in this CLI's own
  // words rather than node's; every flag takes a value.
  const { tokens } = parseFlags({ args: argv, options: flags, strict: false, allowPositionals: true, tokens: true });
  const given: Array<[keyof typeof flags, string]> = [];
  for (const token of tokens) {
    if (token.kind === 'positional') throw new Error(`Unknown option "${token.value}"`);
    if (token.kind !== 'option') throw new Error(`Unknown option "${argv[token.index] ?? '--'}"`);
    if (!isFlag(token.name)) throw new Error(`Unknown option "${argv[token.index] ?? token.rawName}"`);
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) throw new Error(`${token.rawName} needs a value`);
    given.push([token.name, token.value]);
  }
  const options: DemoBackendOptions = {};
  const count = (flag: string, value: string, min: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`${flag} needs a whole number of at least ${String(min)}, got "${value}"`);
    return Number(value);
  };
  for (const [name, value] of given) {
    switch (name) {
      case 'port': {
        const port = count('--port', value, 0);
        if (port > 65_535) throw new Error('--port must be at most 65535');
        options.port = port;
        break;
      }
      case 'seed':
        options.seed = value;
        break;
      case 'products':
        options.products = count('--products', value, 10);
        break;
      case 'picklists':
        options.picklists = count('--picklists', value, 0);
        break;
      case 'rate-limit':
        options.rateLimitPerMinute = count('--rate-limit', value, 1);
        break;
      case 'api-key':
        if (value.trim() === '') throw new Error('--api-key must not be empty');
        options.apiKey = value;
        break;
      case 'variant':
        options.variants ??= {};
        applyVariant(options.variants, value);
        break;
    }
  }
  if (options.port === undefined) throw new Error('--port is required (0 picks a free port)');
  return options;
}
