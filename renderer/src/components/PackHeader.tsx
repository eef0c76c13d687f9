import type { PackSession } from '../../../shared/packing';
import type { Translate } from '../i18n';
import { TagChip } from './TagChip';

export function PackHeader({ session, t }: { session: PackSession; t: Translate }) {
  const { order } = session;
  const { boxes, currentBox } = session.shipping;
  return (
    <header className="pack-header">
      <div className="pack-header__top">
        <h1 className="pack-header__title">
          {session.isUrgent ? <span className="badge badge--urgent">{t('queue.urgent')}</span> : null}
          <span className="visually-hidden">{t('pack.title', { picklistid: session.picklistid })}</span>
          <span aria-hidden="true">{session.picklistid}</span>
        </h1>
        {/* With more than one box, which one the packer fills: the shipping panel with the box list
            may be scrolled or squeezed under the remarks, this never is. */}
        {boxes.length > 1 ? (
          <p className="pack-header__box" data-testid="pack-box" role="status">
            {t('pack.shipping.boxOf', { box: currentBox, count: boxes.length })}
          </p>
        ) : null}
      </div>
      <p className="pack-header__customer">
        {order.customer}
        {order.deliveryCountry ? <span className="pack-header__country">{order.deliveryCountry}</span> : null}
      </p>
      <p className="pack-header__shop">
        {order.webshop ? <span className="pack-header__webshop">{order.webshop}</span> : null}
        {order.reference ? <span className="pack-header__reference">{order.reference}</span> : null}
        {order.orderid ? <span className="pack-header__order">{t('pack.order', { orderid: order.orderid })}</span> : null}
      </p>
      {session.tags.length ? (
        <p className="tags pack-header__tags">
          {session.tags.map((tag) => (
            <TagChip key={tag.idtag} tag={tag} />
          ))}
        </p>
      ) : null}
    </header>
  );
}
