import { join } from 'node:path';
import { createStation, packPicklist, startChaosDemo, waitFor, waitForDrained, waitForQueue } from './harness';
import { type Tally, check, checkParcels, runWithStation } from './tally';

/*
 * Unknown outcomes: Picqer carries out a pick, a shipment or a close and the station never hears
 * (the connection drops after the change, or a 500 comes after it was saved). Before sending such
 * a step again the station must read Picqer's state; nothing may happen twice.
 */

const scenario = 'unknown';

type Step = 'pickall' | 'shipments' | 'close';
const cases: Array<{ step: Step; fault: 'reset' | 'error' }> = [
  { step: 'pickall', fault: 'reset' },
  { step: 'pickall', fault: 'error' },
  { step: 'shipments', fault: 'reset' },
  { step: 'shipments', fault: 'error' },
  { step: 'close', fault: 'reset' },
  { step: 'close', fault: 'error' },
];

export async function unknownOutcomeScenario(tally: Tally, options: { root: string; seed: string }): Promise<void> {
  const demo = await startChaosDemo({ seed: `chaos-${options.seed}` });
  const station = createStation({ root: join(options.root, options.seed), name: 'Pack U', demoUrl: demo.backend.url, packer: demo.packerFor(1) });
  await runWithStation(tally, scenario, demo, station, async () => {
    await station.start();
    await waitForQueue(station);
    const picklists = demo.simplePicklists().slice(0, cases.length);
    if (picklists.length < cases.length) throw new Error('the demo has too few simple picklists');
    for (const [index, { step, fault }] of cases.entries()) {
      const picklist = picklists[index];
      if (!picklist) continue;
      const path = new RegExp(`/picklists/${picklist.idpicklist}/${step}$`);
      if (fault === 'reset') demo.backend.faults.resetAfterApply(1, path);
      else demo.backend.faults.errorAfterApply(1, path);
      await packPicklist(station, demo, picklist, { multiplier: true });
    }
    await waitForDrained(station, 90_000);
    await waitFor(() => picklists.every((p) => (station.printed().get(p.picklistid)?.label ?? 0) >= 1), 20_000, 'every label');
    for (const [index, { step, fault }] of cases.entries()) {
      const picklist = picklists[index];
      if (!picklist) continue;
      const base = `/api/v1/picklists/${picklist.idpicklist}`;
      const own = demo.backend.requests.filter((r) => r.path.startsWith(base));
      const hit = own.findIndex((r) => r.method === 'POST' && r.path === `${base}/${step}` && (fault === 'reset' ? r.status === 0 : r.status === 500));
      check(tally, scenario, hit >= 0, `${picklist.picklistid}: the ${fault} on ${step} never happened`);
      if (hit < 0) continue;
      const next = own[hit + 1];
      check(tally, scenario, next?.method === 'GET', `${picklist.picklistid}: after the unknown ${step} the station sent ${next ? `${next.method} ${next.path}` : 'nothing'} instead of reading first`);
      const sent = (suffixes: string[]) => own.filter((r) => r.method === 'POST' && suffixes.some((s) => r.path === `${base}/${s}`)).length;
      const again = step === 'pickall' ? sent(['pickall', 'pick']) : sent([step]);
      check(tally, scenario, again === 1, `${picklist.picklistid}: ${step} was sent ${again} times`);
    }
    checkParcels(tally, scenario, demo, station, picklists);
  });
}
