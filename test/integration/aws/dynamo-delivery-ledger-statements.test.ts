import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { DynamoDeliveryLedger } from '../../../src/aws/dynamo-delivery-ledger.js';
import { countRequests, RequestCounter } from '../../../src/aws/request-counter.js';
import type { LeavingDelivery } from '../../../src/ports/delivery-ledger.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const leaving = (subscriber: string, n: number, sentAt: string): LeavingDelivery => ({
  subscriber,
  feed: 'yrd',
  eventId: `enforcement-decision/d${n}/v2`,
  sequence: n,
  type: 'cn.gov.shaoxing.tongyuan.yrd.penalty-license.withdrawn.v1',
  recordType: 'enforcement-decision',
  recordId: `d${n}`,
  deadline: '2026-12-02',
  sentAt,
});

async function all<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

describe('DynamoDeliveryLedger, sendings in statement batches', () => {
  let shared: SharedAws;
  let clients: AwsClients;
  const counter = new RequestCounter();

  beforeAll(async () => {
    shared = await useSharedAws();
    clients = countRequests(createAwsClients(shared.config.aws), counter);
  });
  afterAll(() => destroyAwsClients(clients));

  it('records a batch of counts and 30 leaving events in batched statements, and a redelivery keeps the first sendings and adds the counts', async () => {
    const ledger = new DynamoDeliveryLedger(clients.doc, shared.config.resources.table('feeds'), { keyPrefix: `test-${uniqueSuffix()}#` });
    const first = Array.from({ length: 30 }, (_, i) => leaving(i % 2 === 0 ? 'sh' : 'js', i + 1, '2026-11-27T01:00:00.000Z'));
    // The first sending creates the counts items (an increment needs them): one request each.
    await ledger.recordSent([{ subscriber: 'sh', count: 1 }], []);
    await ledger.recordSent([{ subscriber: 'js', count: 1 }], []);
    counter.reset();
    await ledger.recordSent(
      [
        { subscriber: 'sh', count: 20 },
        { subscriber: 'js', count: 15 },
      ],
      [...first, first[0]!],
    );
    expect(counter.requests.get('dynamodb.BatchExecuteStatement')).toBe(2);
    expect(counter.requests.get('dynamodb.PutItem') ?? 0).toBe(0);
    expect(counter.requests.get('dynamodb.UpdateItem') ?? 0).toBe(0);

    await ledger.recordSent(
      [{ subscriber: 'sh', count: 2 }],
      first.slice(0, 4).map((d) => ({ ...d, sentAt: '2026-11-28T09:00:00.000Z' })),
    );
    expect((await ledger.counts('sh')).sent).toBe(23);
    expect((await ledger.counts('js')).sent).toBe(16);
    const bySequence = (a: LeavingDelivery, b: LeavingDelivery) => a.sequence - b.sequence;
    expect([...(await all(ledger.leaving('sh'))), ...(await all(ledger.leaving('js')))].sort(bySequence)).toEqual(first);
  });
});
