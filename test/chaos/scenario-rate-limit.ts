import { join } from 'node:path';
import { createStation, note, packPicklist, startChaosDemo, waitFor, waitForDrained, waitForQueue, type StationProcess } from './harness';
import { check, checkParcels, countDemo, fail, type Tally } from './tally';

/*
 * One API key, several stations: Picqer's per-minute budget is shared by every station on the key
 * and none of them sees the others' requests, only X-RateLimit-Remaining falling. Five stations,
 * each its own process with its own request scheduler (as on five machines), pack at the same
 * time against one demo backend whose limit is scaled down so that their work needs more than one
 * window. Every parcel must complete, every refused request must be sent again, and a station
 * that got a 429 must back off.
 */

const scenario = 'rate-limit';

export interface RateLimitOptions {
  root: string;
  seed: string;
  stations: number;
  parcelsPerStation: number;
  limitPerMinute: number;
}

export async function rateLimitScenario(tally: Tally, options: RateLimitOptions): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}`, products: 80, picklists: 60 });
  const stations: StationProcess[] = [];
  try {
    for (let i = 0; i < options.stations; i++) {
      const station = createStation({ root: join(options.root, options.seed), name: `Pack ${i + 1}`, demoUrl: demo.backend.url, packer: demo.packerFor(i) });
      stations.push(station);
    }
    // Stations are set up before the day starts: their first sync is not what is measured.
    await Promise.all(
      stations.map(async (station) => {
        await station.start();
        await waitForQueue(station);
      }),
    );
    const picklists = demo.simplePicklists().slice(0, options.stations * options.parcelsPerStation);
    if (picklists.length < options.stations * options.parcelsPerStation) throw new Error(`only ${picklists.length} simple picklists`);
    demo.backend.setRateLimit(options.limitPerMinute);
    const from = demo.backend.requests.length;
    const startedAt = Date.now();
    await Promise.all(
      stations.map(async (station, i) => {
        for (const picklist of picklists.slice(i * options.parcelsPerStation, (i + 1) * options.parcelsPerStation)) {
          await packPicklist(station, demo, picklist, { multiplier: true });
        }
        await waitForDrained(station, 300_000);
      }),
    );
    await waitFor(() => stations.every((s, i) => picklists.slice(i * options.parcelsPerStation, (i + 1) * options.parcelsPerStation).every((p) => (s.printed().get(p.picklistid)?.label ?? 0) >= 1)), 30_000, 'every label');
    const seconds = (Date.now() - startedAt) / 1000;
    const during = demo.backend.requests.slice(from);
    const refused = during.filter((r) => r.status === 429).length;
    const windows = Math.ceil(seconds / 60);
    if (process.env.CHAOS_DEBUG) for (const r of during) note(`${((r.at - startedAt) / 1000).toFixed(2)} s ${r.method} ${r.path} ${r.status}`);
    note(`rate-limit: ${options.stations} stations, ${picklists.length} parcels, ${during.length} requests at ${options.limitPerMinute}/min in ${seconds.toFixed(0)} s (${windows} windows), ${refused} answered 429`);
    check(tally, scenario, during.length > options.limitPerMinute, `the parcels needed only ${during.length} requests, within one window of ${options.limitPerMinute}: the limit was never tested`);
    // How many 429s five independent schedulers draw at a window's edge depends on how the machine
    // interleaves them (a loaded CI box once drew 6 of 111), so their share is reported, not judged.
    // What each scheduler controls is judged: nothing refused is lost (it is sent again and
    // answered), and after a 429 it keeps quiet (below).
    for (const refusal of during.filter((r) => r.status === 429)) {
      const isSentAgain = during.some((r) => r.at > refusal.at && r.method === refusal.method && r.path === refusal.path && r.status !== 429);
      check(tally, scenario, isSentAgain, `${refusal.method} ${refusal.path} was answered 429 and never sent again`);
    }
    // A station that got a 429 sends nothing of its own while it backs off: 20 s, or less when it
    // knows the window rolls over sooner (requests it had sent before the 429 came back may still
    // arrive just after it). The windows are replayed from the log: a fixed minute, opened by the
    // first request that counted.
    const owner = new Map<number, number>();
    picklists.forEach((p, index) => {
      const station = Math.floor(index / options.parcelsPerStation);
      owner.set(p.idpicklist, station);
      if (p.idorder !== null) owner.set(p.idorder, station);
    });
    const ownerOf = (path: string) => {
      const id = /\/(?:picklists|orders)\/(\d+)/.exec(path)?.[1];
      return id === undefined ? undefined : owner.get(Number(id));
    };
    const windowStarts: number[] = [];
    for (const r of during) {
      if (!r.path.startsWith('/api/v1/') || r.status === 429) continue;
      const last = windowStarts.at(-1);
      if (last === undefined || r.at >= last + 60_000) windowStarts.push(r.at);
    }
    const windowEnd = (at: number) => (windowStarts.filter((start) => start <= at).at(-1) ?? at) + 60_000;
    for (const refusal of during.filter((r) => r.status === 429)) {
      const who = ownerOf(refusal.path);
      if (who === undefined) continue;
      const quietUntil = Math.min(refusal.at + 19_500, windowEnd(refusal.at));
      const early = during.filter((r) => r !== refusal && ownerOf(r.path) === who && r.at > refusal.at + 500 && r.at < quietUntil);
      check(tally, scenario, early.length === 0, `Pack ${who + 1} sent ${early.map((r) => `${r.method} ${r.path}`).join(', ')} while backing off after a 429`);
    }
    stations.forEach((station, i) => checkParcels(tally, scenario, demo, station, picklists.slice(i * options.parcelsPerStation, (i + 1) * options.parcelsPerStation)));
  } catch (error) {
    fail(tally, scenario, `${error instanceof Error ? error.message : String(error)}\n${stations.map((s) => `${s.name}: ${s.log().slice(-1000)}`).join('\n')}`);
  } finally {
    await Promise.all(stations.map((s) => s.stop()));
    countDemo(tally, demo);
    await demo.close();
  }
}
