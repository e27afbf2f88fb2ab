import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoFeedLog } from '../../../src/aws/dynamo-feed-log.js';
import { eventSource, eventType } from '../../../src/feeds/feeds.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const event = (recordId: string) => ({
  head: {
    specversion: '1.0' as const,
    id: `enforcement-decision/${recordId}/v1`,
    source: eventSource('enforcement'),
    type: eventType('enforcement', 'decision', 'published'),
    subject: recordId,
    time: '2026-11-27T01:00:00.000Z',
    datacontenttype: 'application/json' as const,
    dataschema: 'https://example.org/schemas/decision.json',
  },
  change: {
    recordType: 'enforcement-decision',
    recordId,
    version: 1,
    contentHash: `hash-${recordId}`,
    entity: 'decision',
    action: 'published',
    carriesRecord: true,
    district: '越城区',
  },
});

describe('DynamoFeedLog, two logs appending to one feed', () => {
  let shared: SharedAws;
  beforeAll(async () => {
    shared = await useSharedAws();
  });

  it('appends after another appender moved the tip, and returns a redelivered id with its first sequence', async () => {
    const prefix = `test-${uniqueSuffix()}#`;
    const [a, b] = [0, 1].map(() => new DynamoFeedLog(shared.clients.doc, shared.config.resources.table('feeds'), { keyPrefix: prefix }));
    await a!.append('enforcement', [event('s1'), event('s2')]);
    await b!.append('enforcement', [event('s3')]);
    // a last appended at sequence 2; b has appended since.
    const appended = await a!.append('enforcement', [event('s4'), event('s1')]);
    expect(appended.map((e) => [e.head.id, e.head.sequence])).toEqual([
      ['enforcement-decision/s4/v1', '4'],
      ['enforcement-decision/s1/v1', '1'],
    ]);
    expect(appended[0]!.head.prevhash).not.toBe(appended[1]!.head.prevhash);
    expect(await a!.lastSequence('enforcement')).toBe(4);
  });
});
