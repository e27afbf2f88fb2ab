import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryLedger } from '../../../src/aws/dynamo-delivery-ledger.js';
import type { FeedId } from '../../../src/feeds/feeds.js';
import type { FeedReceipt, LeavingDelivery } from '../../../src/ports/delivery-ledger.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const leavingEvent = (subscriber: string, recordId: string, sequence: number, sentAt = '2026-11-27T01:00:00.000Z'): LeavingDelivery => ({
  subscriber,
  feed: 'enforcement',
  eventId: `enforcement-decision/${recordId}/v2`,
  sequence,
  type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.withdrawn.v1',
  recordType: 'enforcement-decision',
  recordId,
  deadline: '2026-12-02',
  sentAt,
});

const receipt = (subscriber: string, eventId: string, feed: FeedId, sequence: number, consumedAt: string, deliveredAt?: string): FeedReceipt => ({
  subscriber,
  eventId,
  feed,
  sequence,
  consumedAt,
  ...(deliveredAt ? { deliveredAt } : {}),
});

async function all<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe('DynamoDeliveryLedger', () => {
  let shared: SharedAws;
  let ledger: DynamoDeliveryLedger;
  const newLedger = () => new DynamoDeliveryLedger(shared.clients.doc, shared.config.resources.table('feeds'), { keyPrefix: `test-${uniqueSuffix()}#` });

  beforeAll(async () => {
    shared = await useSharedAws();
    ledger = newLedger();
  });

  it('adds up what was sent per subscriber and keeps the first sending of a leaving event', async () => {
    const first = leavingEvent('sx-city', 'd1', 7);
    await ledger.recordSent(
      [
        { subscriber: 'sx-city', count: 3 },
        { subscriber: 'sh-partner', count: 2 },
      ],
      [first],
    );
    await ledger.recordSent([{ subscriber: 'sx-city', count: 4 }], [leavingEvent('sx-city', 'd1', 7, '2026-11-28T09:00:00.000Z')]);
    expect(await ledger.counts('sx-city')).toEqual({ subscriber: 'sx-city', sent: 7, consumed: 0, lastConsumed: {} });
    expect((await ledger.counts('sh-partner')).sent).toBe(2);
    expect(await all(ledger.leaving('sx-city'))).toEqual([first]);
  });

  it('counts a receipt once, keeps the highest sequence per feed and marks the leaving event consumed', async () => {
    const sent = leavingEvent('js-partner', 'd9', 12);
    await ledger.recordSent([{ subscriber: 'js-partner', count: 3 }], [sent]);
    await ledger.recordReceipts([
      receipt('js-partner', sent.eventId, 'enforcement', 12, '2026-11-27T02:00:00.000Z', '2026-11-27T01:00:01.000Z'),
      receipt('js-partner', 'normative-document/n1/v1', 'gazette', 5, '2026-11-27T02:05:00.000Z'),
      receipt('js-partner', 'enforcement-decision/d3/v1', 'enforcement', 9, '2026-11-27T01:59:00.000Z'),
    ]);
    // A redelivered receipt, acknowledged later: nothing changes.
    await ledger.recordReceipts([receipt('js-partner', sent.eventId, 'enforcement', 12, '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z')]);
    expect(await ledger.counts('js-partner')).toEqual({
      subscriber: 'js-partner',
      sent: 3,
      consumed: 3,
      lastConsumed: { enforcement: 12, gazette: 5 },
      lastConsumedAt: '2026-11-27T02:05:00.000Z',
    });
    expect(await all(ledger.leaving('js-partner'))).toEqual([{ ...sent, consumedAt: '2026-11-27T02:00:00.000Z', deliveredAt: '2026-11-27T01:00:01.000Z' }]);
  });

  it('counts concurrent receipts of one subscriber exactly', async () => {
    const receipts = Array.from({ length: 30 }, (_, i) =>
      receipt('ah-partner', `credit-record/c${i}/v1`, 'yrd', i + 1, `2026-11-27T03:00:${String(i).padStart(2, '0')}.000Z`),
    );
    await Promise.all([ledger.recordReceipts(receipts.slice(0, 20)), ledger.recordReceipts(receipts.slice(10))]);
    const counts = await ledger.counts('ah-partner');
    expect(counts.consumed).toBe(30);
    expect(counts.lastConsumed).toEqual({ yrd: 30 });
  });

  it('lists the leaving events of every subscriber when none is named', async () => {
    const own = newLedger();
    await own.recordSent([], [leavingEvent('zj-a', 'e1', 1), leavingEvent('zj-b', 'e2', 2), leavingEvent('zj-b', 'e3', 3)]);
    await own.recordReceipts([receipt('zj-b', 'enforcement-decision/e3/v2', 'enforcement', 3, '2026-11-27T04:00:00.000Z')]);
    const everyone = await all(own.leaving());
    expect(everyone.map((l) => `${l.subscriber} ${l.recordId} ${l.consumedAt ?? '-'}`).sort()).toEqual([
      'zj-a e1 -',
      'zj-b e2 -',
      'zj-b e3 2026-11-27T04:00:00.000Z',
    ]);
  });
});
