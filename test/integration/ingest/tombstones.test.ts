import type { Context, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/normalize/handler.js';
import type { RejectedFileRequest, TombstonesRequest } from '../../../src/normalize/request.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
let normalizeHandler: ReturnType<typeof createHandler>;

const sqsEvent = (body: string): SQSEvent =>
  ({
    Records: [
      {
        messageId: '1',
        receiptHandle: 'r',
        body,
        attributes: {},
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:0:q',
        awsRegion: 'us-east-1',
      },
    ],
  }) as unknown as SQSEvent;

describe('tombstones requests from ingest, applied by the normalize handler', () => {
  beforeAll(async () => {
    shared = await useSharedAws();
    // As the function's cold start builds it, from its configuration and clients.
    normalizeHandler = createHandler(shared.config, shared.clients);
  });

  it('turns the record of a vanished source key into a tombstone, once, and leaves the others alone', async () => {
    const sourceId = `src-${uniqueSuffix()}`;
    const recordType = `t-${uniqueSuffix()}`;
    const extractedAt = '2026-01-01T00:00:00.000Z';
    await shared.app.recordStore().upsert(
      ['a', 'b'].map((key) => ({
        recordType,
        recordId: `rec-${key}`,
        record: { key },
        provenance: { sourceId, rawKey: 'raw/x', index: 0, sourceKey: key, extractedAt },
      })),
    );
    const request: TombstonesRequest = { kind: 'tombstones', sourceId, sourceKeys: ['a'], reason: 'vanished', observedAt: '2026-01-02T00:00:00.000Z' };
    for (let delivery = 0; delivery < 2; delivery++) {
      expect(await normalizeHandler(sqsEvent(JSON.stringify(request)), {} as Context)).toEqual({ batchItemFailures: [] });
    }
    expect(await shared.app.recordStore().read(recordType, 'rec-a')).toMatchObject({ deleted: true, version: 2 });
    expect((await shared.app.recordStore().read(recordType, 'rec-b'))?.deleted).not.toBe(true);
  });

  it('quarantines an unreadable dropped file with its reason and line', async () => {
    const name = `broken-${uniqueSuffix()}.csv`;
    const request: RejectedFileRequest = {
      kind: 'rejected-file',
      sourceId: 'demo-sgs-csv',
      name,
      key: `rejected/demo-sgs-csv/2026-01-01/abc-${name}`,
      contentHash: 'abc',
      line: 7,
      reason: 'expect 19, got 20',
      rejectedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(await normalizeHandler(sqsEvent(JSON.stringify(request)), {} as Context)).toEqual({ batchItemFailures: [] });
    const entry = (await shared.app.quarantineStore().list('demo-sgs-csv')).find((e) => e.sourceKey === `file:${name}`);
    expect(entry).toMatchObject({ recordType: 'enforcement-decision', rawKey: request.key, index: 7 });
    expect(entry!.errors[0]!.message).toBe(`file ${name} is unreadable at line 7: expect 19, got 20`);
  });
});
