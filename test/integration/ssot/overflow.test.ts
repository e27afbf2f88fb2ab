import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { systemClock } from '../../../src/ports/index.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { CURRENT_SK, recordPk, type CandidateRecord } from '../../../src/ssot/model.js';
import { OVERFLOW_PREFIX } from '../../../src/ssot/overflow.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
const tableName = (id: string): string => shared.config.resources.table(id);
const bucketName = (id: string): string => shared.config.resources.bucket(id);

describe('records over the DynamoDB item limit (claim check in S3)', () => {
  let store: DynamoRecordStore;
  let raw: S3ObjectStore;
  beforeAll(async () => {
    shared = await useSharedAws();
    raw = new S3ObjectStore(shared.clients.s3, bucketName('raw'));
    store = new DynamoRecordStore(shared.clients.doc, tableName('records'), systemClock, { overflow: () => raw });
  });

  const candidate = (type: string, id: string, record: Record<string, unknown>): CandidateRecord => ({
    recordType: type,
    recordId: id,
    record,
    provenance: { sourceId: 'gazette', rawKey: 'raw/gazette/x.json.gz', index: 0, sourceKey: id, extractedAt: new Date().toISOString() },
  });

  it('stores a 600 KB normative document in S3 with a pointer, and reads it back whole everywhere', async () => {
    const type = `big-${uniqueSuffix()}`;
    const fullText = '第一条　为了规范行政规范性文件管理，根据有关法律法规，结合本市实际，制定本办法。'.repeat(5_000);
    const record = { documentNumber: '绍政发〔2021〕4号', fullText };
    expect(Buffer.byteLength(JSON.stringify(record))).toBeGreaterThan(400 * 1024);
    expect(await store.upsert([candidate(type, 'doc', record)])).toEqual({ created: 1, updated: 0, unchanged: 0 });

    const item = (await shared.clients.doc.send(new GetCommand({ TableName: tableName('records'), Key: { pk: recordPk(type, 'doc'), sk: CURRENT_SK } }))).Item!;
    expect(item.record).toBeUndefined();
    expect(String(item.recordRef.key).startsWith(OVERFLOW_PREFIX)).toBe(true);
    expect(await raw.exists(item.recordRef.key)).toBe(true);

    expect((await store.read(type, 'doc'))?.record).toEqual(record);
    expect((await store.versions(type, 'doc'))[0]?.record).toEqual(record);
    const listed = [];
    for await (const page of store.listCurrent(type)) listed.push(...page);
    expect(listed[0]?.record).toEqual(record);
    // A redelivery changes nothing; an amendment is a new version with its own object.
    expect(await store.upsert([candidate(type, 'doc', record)])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    await store.upsert([candidate(type, 'doc', { ...record, fullText: `${fullText}（修订）` })]);
    const versions = await store.versions(type, 'doc');
    expect(versions.map((v) => (v.record.fullText as string).endsWith('（修订）'))).toEqual([false, true]);
  });

  it('keeps several large records apart in transactions under the 4 MB limit', async () => {
    const type = `big-${uniqueSuffix()}`;
    const small = new DynamoRecordStore(shared.clients.doc, tableName('records'), systemClock, { overflow: () => raw, inlineLimitBytes: 250_000 });
    const body = 'x'.repeat(240_000);
    const many = Array.from({ length: 12 }, (_, i) => candidate(type, `r${i}`, { i, body }));
    expect(await small.upsert(many)).toEqual({ created: 12, updated: 0, unchanged: 0 });
    expect(await small.countCurrent(type)).toBe(12);
  });
});
