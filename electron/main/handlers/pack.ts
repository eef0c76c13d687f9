import { requireRuntime } from '../station/runtime';
import type { HandlersOf, StationContext } from './context';

/* The pack loop's commands besides scans: open, choose, undo, count by hand, ship, finish or leave. */
export function packHandlers({ life, lookalikes, acks, lead }: Pick<StationContext, 'life' | 'lookalikes' | 'acks' | 'lead'>) {
  const pack = () => requireRuntime(life.runtime()).pack;
  return {
    'pack.open': ({ idpicklist, takeOver }) => pack().open(idpicklist, { takeOver }),
    'pack.current': () => ({ revision: life.runtime()?.pack.revision() ?? 0, session: life.runtime()?.pack.current() ?? null, batch: life.runtime()?.pack.batch() ?? null }),
    'pack.lookalikes': ({ idpicklist }) => lookalikes.forPicklist(idpicklist),
    'pack.choose': ({ idproduct }) => pack().choose(idproduct),
    'pack.serial': ({ serial }) => pack().giveSerial(serial),
    'pack.undo': () => pack().undo(),
    'pack.confirmLine': (input) => pack().confirmLine(input),
    'pack.setShipping': (input) => acks.pack(() => pack().setShipping(input), 'done'),
    'pack.newBox': () => acks.pack(() => pack().newBox(), 'done'),
    'pack.removeBox': () => acks.pack(() => pack().removeBox(), 'done'),
    'pack.shippingMethods': () => acks.pack(() => pack().shippingMethods(), 'done'),
    'pack.complete': () => acks.pack(() => pack().complete(), 'handed_over'),
    // The dispatcher's guard let this through: a shift lead unlocked, or the station has none.
    'pack.overrideWeight': (input) => acks.pack(() => pack().overrideWeight(input, lead.unlockedBy()), 'done'),
    'pack.problem': (input) => acks.pack(() => pack().problem(input), 'problem_reported'),
    'pack.leave': () => acks.pack(() => pack().leave(), 'left'),
  } satisfies HandlersOf<'pack'>;
}
