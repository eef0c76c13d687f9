import type { PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';

/** What the customer and colleagues wrote: read before the box is closed, so it stands out. */
export function OrderNotes({ session, t }: { session: PackSession; t: Translate }) {
  const { order, comments } = session;
  if (!order.customerRemarks && comments.length === 0 && order.fields.length === 0) return null;
  return (
    <section className="notes" aria-label={t('pack.notes.customerRemarks')}>
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
    </section>
  );
}
