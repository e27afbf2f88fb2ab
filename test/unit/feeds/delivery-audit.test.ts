import { describe, expect, it } from 'vitest';
import { auditDeliveries, auditRows } from '../../../src/feeds/delivery-audit.js';
import type { QueueStats } from '../../../src/ports/queue-stats.js';
import { MemoryDeliveryLedger, MemoryFeedLog, subscriber } from '../../support/memory-feeds.js';

const head = (id: string) => ({
  specversion: '1.0' as const,
  id,
  source: '/shaoxing/tongyuan/enforcement',
  type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.published.v1',
  subject: id,
  time: '2026-11-27T01:00:00Z',
  datacontenttype: 'application/json' as const,
  dataschema: 'https://tongyuan.sx.gov.cn/schemas/feeds/enforcement/decision.v1.schema.json',
});
const ref = {
  recordType: 'enforcement-decision',
  recordId: 'r',
  version: 1,
  contentHash: 'h',
  entity: 'decision',
  action: 'published',
  carriesRecord: true,
  district: '越城区',
};

describe('auditDeliveries', () => {
  it('reports sent, consumed, queue depths, dead letters and the sequence lag per feed; a subscriber without a queue says so', async () => {
    const log = new MemoryFeedLog();
    await log.append(
      'enforcement',
      ['a', 'b', 'c', 'd'].map((id) => ({ head: head(id), change: ref })),
    );
    const deliveries = new MemoryDeliveryLedger();
    await deliveries.recordSent([{ subscriber: 'keqiao', count: 4 }], []);
    await deliveries.recordReceipts([{ subscriber: 'keqiao', eventId: 'a', feed: 'enforcement', sequence: 1, consumedAt: '2026-11-27T02:00:00.000Z' }]);
    const queues: QueueStats = {
      subscriberQueue: async (s) => (s.id === 'keqiao' ? { queue: { waiting: 2, inFlight: 1 }, deadLettered: 1 } : undefined),
      subscriberQueueUrl: async () => 'unused',
    };
    const audits = await auditDeliveries([subscriber({ id: 'keqiao', feeds: ['enforcement', 'gazette'] }), subscriber({ id: 'new', feeds: ['enforcement'] })], {
      deliveries,
      log,
      queues,
    });
    expect(audits[0]).toEqual({
      subscriber: 'keqiao',
      sent: 4,
      consumed: 1,
      lastConsumedAt: '2026-11-27T02:00:00.000Z',
      queueFound: true,
      waiting: 2,
      inFlight: 1,
      deadLettered: 1,
      feeds: [
        { feed: 'enforcement', lastSequence: 4, lastConsumed: 1, sequenceLag: 3 },
        { feed: 'gazette', lastSequence: 0, lastConsumed: 0, sequenceLag: 0 },
      ],
    });
    expect(audits[1]).toMatchObject({ subscriber: 'new', sent: 0, queueFound: false, feeds: [{ feed: 'enforcement', sequenceLag: 4 }] });
    const rows = auditRows(audits);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe(['new', '0', '0', 'no queue', '-', '-', '-', 'enforcement', '4', '0', '4'].join('\t'));
  });
});
