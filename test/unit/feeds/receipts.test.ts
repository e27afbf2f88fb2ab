import { describe, expect, it } from 'vitest';
import { parseReceiptMessage, ReceiptError, recordReceiptMessage } from '../../../src/feeds/receipts.js';
import { MemoryDeliveryLedger, subscriber } from '../../support/memory-feeds.js';

const subscribers = [subscriber({ id: 'keqiao', feeds: ['enforcement', 'yrd'] })];
const receipt = (over: Record<string, unknown> = {}) => ({
  eventId: 'enforcement-decision/a/v3',
  feed: 'enforcement',
  sequence: '5',
  deliveredAt: '2026-11-27T01:00:00.000Z',
  consumedAt: '2026-11-27T09:30:00+08:00',
  ...over,
});
const message = (receipts: unknown[], id = 'keqiao') => JSON.stringify({ subscriber: id, receipts });

describe('parseReceiptMessage', () => {
  it('reads receipts: the sequence as a number, times in UTC, deliveredAt optional', () => {
    const { deliveredAt: _omitted, ...withoutDelivery } = receipt({ eventId: 'enforcement-decision/b/v1', sequence: 6 });
    expect(parseReceiptMessage(message([receipt(), withoutDelivery]), subscribers)).toEqual([
      {
        subscriber: 'keqiao',
        eventId: 'enforcement-decision/a/v3',
        feed: 'enforcement',
        sequence: 5,
        deliveredAt: '2026-11-27T01:00:00.000Z',
        consumedAt: '2026-11-27T01:30:00.000Z',
      },
      { subscriber: 'keqiao', eventId: 'enforcement-decision/b/v1', feed: 'enforcement', sequence: 6, consumedAt: '2026-11-27T01:30:00.000Z' },
    ]);
  });

  it.each([
    ['not JSON', '{receipts', /not JSON/],
    ['a list', '[]', /expected an object/],
    ['no subscriber', JSON.stringify({ receipts: [receipt()] }), /subscriber must be/],
    ['an unknown subscriber', message([receipt()], 'nobody'), /no subscriber "nobody"/],
    ['no receipts', message([]), /non-empty list/],
    ['a receipt that is not an object', message(['x']), /receipt 0: must be an object/],
    ['no event id', message([receipt({ eventId: ' ' })]), /eventId/],
    ['an unknown feed', message([receipt({ feed: 'weather' })]), /feed must be one of gazette, enforcement, yrd/],
    ['a feed the subscriber does not take', message([receipt({ feed: 'gazette' })]), /does not subscribe to feed gazette/],
    ['sequence 0', message([receipt({ sequence: 0 })]), /sequence must be a whole number from 1/],
    ['a fractional sequence', message([receipt({ sequence: 1.5 })]), /sequence/],
    ['a consumedAt that is no time', message([receipt({ consumedAt: 'today' })]), /consumedAt must be an ISO 8601 time/],
    ['a consumedAt missing', message([receipt({ consumedAt: undefined })]), /consumedAt/],
    ['a deliveredAt in epoch milliseconds', message([receipt({ deliveredAt: 1764205200000 })]), /deliveredAt/],
  ])('refuses %s, saying why', (_what, body, why) => {
    expect(() => parseReceiptMessage(body, subscribers)).toThrow(ReceiptError);
    expect(() => parseReceiptMessage(body, subscribers)).toThrow(why);
  });
});

describe('recordReceiptMessage', () => {
  it('writes the receipts to the ledger, and a malformed message writes nothing', async () => {
    const deliveries = new MemoryDeliveryLedger();
    await expect(recordReceiptMessage(message([receipt(), receipt({ sequence: 'x' })]), { subscribers, deliveries })).rejects.toThrow(ReceiptError);
    expect((await deliveries.counts('keqiao')).consumed).toBe(0);
    expect(
      await recordReceiptMessage(message([receipt(), receipt({ eventId: 'credit-record/z/v1', feed: 'yrd', sequence: 9 })]), { subscribers, deliveries }),
    ).toBe(2);
    expect(await deliveries.counts('keqiao')).toMatchObject({ consumed: 2, lastConsumed: { enforcement: 5, yrd: 9 } });
  });
});
