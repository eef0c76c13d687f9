import type { DemoBackendOptions } from './server';
import { applyVariant } from './variants';

export const usage = 'Usage: demo-backend --port N [--seed S] [--products N] [--picklists M] [--rate-limit N] [--api-key K] [--variant NAME[=VALUE] ...]';

/** Reads the CLI flags; throws an Error with a message for the user on anything unexpected. */
export function parseArgs(argv: string[]): DemoBackendOptions {
  const options: DemoBackendOptions = {};
  const count = (flag: string, value: string, min: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`${flag} needs a whole number of at least ${String(min)}, got "${value}"`);
    return Number(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const port = count(flag, value(), 0);
        if (port > 65_535) throw new Error('--port must be at most 65535');
        options.port = port;
        break;
      }
      case '--seed':
        options.seed = value();
        break;
      case '--products':
        options.products = count(flag, value(), 10);
        break;
      case '--picklists':
        options.picklists = count(flag, value(), 0);
        break;
      case '--rate-limit':
        options.rateLimitPerMinute = count(flag, value(), 1);
        break;
      case '--api-key': {
        const key = value();
        if (key.trim() === '') throw new Error('--api-key must not be empty');
        options.apiKey = key;
        break;
      }
      case '--variant':
        options.variants ??= {};
        applyVariant(options.variants, value());
        break;
      default:
        throw new Error(`Unknown option "${arg}"`);
    }
  }
  if (options.port === undefined) throw new Error('--port is required (0 picks a free port)');
  return options;
}
