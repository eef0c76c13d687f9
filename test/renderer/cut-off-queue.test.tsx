import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MustLeaveToday } from '../../renderer/src/components/MustLeaveToday';
import { ParcelRow } from '../../renderer/src/components/ParcelRow';
import { QueueRow } from '../../renderer/src/components/QueueRow';
import { cutOffText } from '../../renderer/src/format-cut-off';
import { createT } from '../../renderer/src/i18n';
import { parcelFixture, queueItemFixture } from './fake-api';

// Local times, so the tests mean the same on a station in any time zone.
const at = (hours: number, minutes = 0) => new Date(2026, 11, 3, hours, minutes).getTime();
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('the countdown to a carrier’s next pickup', () => {
  it('counts down to today’s cut-off and says tomorrow once it has passed', () => {
    const en = createT('en');
    expect(cutOffText(en, 'PostNL', '16:00', at(14, 40))).toBe('PostNL 16:00 · in 1 h 20 min');
    expect(cutOffText(en, 'PostNL', '16:00', at(15, 55))).toBe('PostNL 16:00 · in 5 min');
    expect(cutOffText(en, 'DHL', '16:00', at(13, 0))).toBe('DHL 16:00 · in 3 h');
    expect(cutOffText(en, 'PostNL', '16:00', at(16, 0))).toBe('PostNL 16:00 · tomorrow');
    expect(cutOffText(en, null, '16:00', at(17, 0))).toBe('Pickup 16:00 · tomorrow');
  });

  it('is worded in Dutch for a Dutch station', () => {
    const nl = createT('nl');
    expect(cutOffText(nl, 'PostNL', '16:00', at(14, 40))).toBe('PostNL 16:00 · nog 1 u 20 min');
    expect(cutOffText(nl, 'PostNL', '16:00', at(16, 30))).toBe('PostNL 16:00 · morgen');
  });

  it('never shows less than a minute while the truck is still to come', () => {
    expect(cutOffText(createT('en'), 'PostNL', '16:00', at(15, 59) + 30_000)).toBe('PostNL 16:00 · in 1 min');
  });
});

describe('a queue row with a cut-off', () => {
  const row = (item: ReturnType<typeof queueItemFixture>, now: number) =>
    text(
      renderToStaticMarkup(
        <table>
          <tbody>
            <QueueRow item={item} t={createT('en')} language="en" now={now} onOpen={() => undefined} />
          </tbody>
        </table>,
      ),
    );

  it('shows its carrier’s next pickup, and nothing where no cut-off is set', () => {
    expect(row(queueItemFixture(1, { carrier: 'PostNL', idshippingproviderProfile: 7, cutOff: '16:00' }), at(14, 40))).toContain('PostNL 16:00 · in 1 h 20 min');
    expect(row(queueItemFixture(1, { carrier: 'PostNL', idshippingproviderProfile: 7, cutOff: '16:00' }), at(16, 40))).toContain('PostNL 16:00 · tomorrow');
    expect(row(queueItemFixture(2, { carrier: 'PostNL', idshippingproviderProfile: 7 }), at(14, 40))).not.toContain('PostNL');
  });
});

describe('must leave today in the status bar', () => {
  const items = [
    queueItemFixture(1, { carrier: 'PostNL', cutOff: '12:00' }),
    queueItemFixture(2, { carrier: 'PostNL', cutOff: '16:00' }),
    queueItemFixture(3, { carrier: 'DHL', cutOff: '16:00' }),
    queueItemFixture(4),
  ];

  it('counts the picklists whose carrier still comes today', () => {
    expect(text(renderToStaticMarkup(<MustLeaveToday items={items} now={at(11, 0)} t={createT('en')} />))).toBe('Must leave today 3');
    expect(text(renderToStaticMarkup(<MustLeaveToday items={items} now={at(13, 0)} t={createT('nl')} />))).toBe('Moet vandaag mee 2');
    expect(text(renderToStaticMarkup(<MustLeaveToday items={items} now={at(16, 0)} t={createT('en')} />))).toBe('Must leave today 0');
  });

  it('is not shown at a station without cut-offs', () => {
    expect(renderToStaticMarkup(<MustLeaveToday items={[queueItemFixture(4)]} now={at(11, 0)} t={createT('en')} />)).toBe('');
  });
});

describe('a parcel packed after its carrier’s cut-off in History', () => {
  const row = (parcel: ReturnType<typeof parcelFixture>, language: 'en' | 'nl' = 'en') =>
    text(
      renderToStaticMarkup(
        <table>
          <tbody>
            <ParcelRow parcel={parcel} t={createT(language)} language={language} now={at(17, 0)} busy={null} onCancel={() => undefined} onReprint={() => undefined} onView={() => undefined} onLots={() => undefined} />
          </tbody>
        </table>,
      ),
    );

  it('says which cut-off it missed, and nothing for one packed in time', () => {
    expect(row(parcelFixture(1, { packedAfterCutOff: '16:00' }))).toContain('Packed after the 16:00 cut-off');
    expect(row(parcelFixture(1, { packedAfterCutOff: '16:00' }), 'nl')).toContain('Ingepakt na de sluittijd van 16:00');
    expect(row(parcelFixture(1))).not.toContain('cut-off');
  });
});
