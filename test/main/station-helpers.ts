import { afterEach } from 'vitest';
import type { Result } from '../../shared/errors';

/*
 * What every test that drives a whole station needs: the value of a command's result (or the
 * error as a thrown message naming its code), and cleanups that run after each test, newest first.
 */

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Registers an afterEach that runs what the test pushed, last in first out. */
export function useCleanups(): Array<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });
  return cleanups;
}
