import { useEffect, useRef, useState, type RefObject } from 'react';
import type { PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';

/**
 * Whether the box scrolls and has text below what it shows: watched while it scrolls and whenever
 * it or its text changes size (another picklist, a narrower window).
 */
function useHasMoreBelow(box: RefObject<HTMLElement | null>, content: string): boolean {
  const [hasMore, setHasMore] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHasMore(el.scrollTop + el.clientHeight < el.scrollHeight - 2);
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    resized?.observe(el);
    for (const child of el.children) resized?.observe(child);
    return () => {
      el.removeEventListener('scroll', measure);
      resized?.disconnect();
    };
  }, [box, content]);
  return hasMore;
}

/**
 * What the customer and colleagues wrote: read before the box is closed, so it stands out. Where
 * it is longer than the room the side column has, the box scrolls by itself and says, in words at
 * its foot, that more follows; a tap there opens it over the whole side column to be read at once,
 * and Close (or the next picklist) puts it back.
 */
export function OrderNotes({ session, t }: { session: PackSession; t: Translate }) {
  const { order, comments } = session;
  const boxRef = useRef<HTMLElement>(null);
  const [openFor, setOpenFor] = useState<number | null>(null);
  const isOpen = openFor === session.idpicklist;
  const hasMore = useHasMoreBelow(boxRef, `${session.idpicklist}:${isOpen}:${order.customerRemarks ?? ''}:${order.fields.length}:${comments.length}`);
  if (!order.customerRemarks && comments.length === 0 && order.fields.length === 0) return null;
  return (
    <section className={`notes${isOpen ? ' notes--open' : ''}`} aria-label={t('pack.notes.customerRemarks')} data-testid="order-notes" ref={boxRef}>
      {order.customerRemarks ? (
        <div className="notes__remarks">
          <h2 className="notes__title">{t('pack.notes.customerRemarks')}</h2>
          <p className="notes__text">{order.customerRemarks}</p>
        </div>
      ) : null}
      {order.fields.length ? (
        <div className="notes__fields">
          <h2 className="notes__title">{t('pack.notes.fields')}</h2>
          <dl>
            {order.fields.map((field) => (
              <div key={field.title} className="notes__field">
                <dt>{field.title}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
      {comments.length ? (
        <div className="notes__comments">
          <h2 className="notes__title">{t('pack.notes.comments')}</h2>
          <ul>
            {comments.map((comment, i) => (
              <li key={`${comment.created ?? ''}-${i}`}>
                <span className="notes__author">{comment.author}</span> {comment.body}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {isOpen ? (
        <button type="button" className="notes__more notes__more--close" data-testid="notes-close" onClick={() => setOpenFor(null)}>
          {t('dialog.close')} <span aria-hidden="true">▲</span>
        </button>
      ) : hasMore ? (
        <button type="button" className="notes__more" data-testid="notes-more" onClick={() => setOpenFor(session.idpicklist)}>
          {t('pack.notes.more')} <span aria-hidden="true">▼</span>
        </button>
      ) : null}
    </section>
  );
}
