/** Small helpers the benchmark modules share: order statistics and a real-time wait. */

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Open picklists the station's warehouse shows in its queue. */
export const openStatuses: ReadonlySet<string> = new Set(['new', 'paused', 'snoozed']);

/** Picklists to seed so the station's warehouse (1829, about 80 % of the seed) has at least `open` open ones. */
export const picklistsForOpen = (open: number) => Math.ceil(open / 0.79);
