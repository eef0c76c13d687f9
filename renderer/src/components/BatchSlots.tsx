import { useEffect, useRef } from 'react';
import { batchSlotStates, type BatchSlot, type BatchSlotState, type BatchView } from '../../../shared/batch';
import type { Translate } from '../i18n';
import { revealInList } from '../reveal-in-list';
import { BatchSlotCard } from './BatchSlotCard';

/** Above this many slots (or in any singles batch) one card per slot would not fit: counts instead. */
const maxCards = 12;
/** Slots the packer must act on or look at: stuck, stopped, refused, set aside. */
const attentionStates: ReadonlySet<BatchSlotState> = new Set(['verified', 'alert', 'refused', 'problem']);

/**
 * Every slot of a normal batch as a card; a singles batch (or a big one) as counts per state with
 * only the slots that need attention and the slot of the last scan as cards.
 */
export function BatchSlots({ batch, lastSlot, t }: { batch: BatchView; lastSlot: number | null; t: Translate }) {
  const frameRef = useRef<HTMLElement>(null);
  // The slot just scanned into stays in view when the list is longer than its room; only the list
  // scrolls, so the slot number above it stays in view (a serial prompt makes the room short).
  // Scrolling forces a layout: it waits for the next frame, so the answer's own paint never waits.
  useEffect(() => {
    if (lastSlot === null) return;
    const frame = requestAnimationFrame(() => {
      const list = frameRef.current;
      if (list) revealInList(list, list.querySelector(`[data-slot-card="${lastSlot}"]`));
    });
    return () => cancelAnimationFrame(frame);
  }, [lastSlot]);
  const isCompact = batch.type === 'singles' || batch.slots.length > maxCards;
  if (!isCompact) {
    return (
      <section className="batch-slots" aria-label={t('batch.slots.title')} ref={frameRef}>
        <ol className="slot-grid">
          {batch.slots.map((slot) => (
            <BatchSlotCard key={slot.idpicklist} slot={slot} isLast={slot.slot === lastSlot} t={t} />
          ))}
        </ol>
      </section>
    );
  }

  const counts = new Map<BatchSlotState, number>();
  for (const slot of batch.slots) counts.set(slot.state, (counts.get(slot.state) ?? 0) + 1);
  const shown: BatchSlot[] = batch.slots.filter((slot) => attentionStates.has(slot.state) || slot.slot === lastSlot);

  return (
    <section className="batch-slots batch-slots--compact" aria-label={t('batch.slots.title')} ref={frameRef}>
      <h2 className="batch-slots__title">{t('batch.summary.counts')}</h2>
      <ul className="slot-counts" data-testid="batch-counts">
        {batchSlotStates
          .filter((state) => (counts.get(state) ?? 0) > 0)
          .map((state) => (
            <li key={state} className={`slot-count slot-card--${state}`} data-state={state}>
              <span className="slot-count__number">{counts.get(state)}</span>
              <span className="slot-count__state">{t(`batch.state.${state}`)}</span>
            </li>
          ))}
      </ul>
      {shown.length ? (
        <ol className="slot-grid">
          {shown.map((slot) => (
            <BatchSlotCard key={slot.idpicklist} slot={slot} isLast={slot.slot === lastSlot} t={t} />
          ))}
        </ol>
      ) : (
        <p className="muted">{t('batch.summary.noAttention')}</p>
      )}
    </section>
  );
}
