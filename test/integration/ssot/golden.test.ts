import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { fieldProvenance } from '../../../src/ssot/field-provenance.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { steppingClock } from '../../support/stepping-clock.js';

let shared: SharedAws;
const tableName = (id: string): string => shared.config.resources.table(id);

/** Two departments report one normative document (one subject by its 文号) and disagree. */
describe('golden records across departments', () => {
  let type: string;
  const clock = steppingClock('2025-03-01T00:00:00.000Z');
  let store: DynamoRecordStore;
  beforeAll(async () => {
    shared = await useSharedAws();
    // The issuing department wins by default; the legal affairs office decides validity.
    store = new DynamoRecordStore(shared.clients.doc, tableName('records'), clock, {
      precedence: () => ({ default: ['issuer', 'legal-office'], fields: { validity: ['legal-office'] } }),
    });
    type = `golden-${uniqueSuffix()}`;
  });

  const report = (sourceId: string, record: Record<string, unknown>, extractedAt: string, sourceKey = 'row-1'): CandidateRecord => ({
    recordType: type,
    recordId: '绍政发〔2021〕4号',
    record,
    provenance: { sourceId, rawKey: `raw/${sourceId}/2025-03-01/abc.json.gz`, index: 3, sourceKey, extractedAt },
  });

  it('merges by declared precedence, keeps provenance for every field, and versions only real changes', async () => {
    await store.upsert([report('legal-office', { title: '关于优化营商环境的通知', validity: 'repealed', indexNumber: 'IDX-9' }, '2025-03-01T08:00:00.000Z')]);
    const afterFirst = clock.last();
    await store.upsert([
      report('issuer', { title: '关于进一步优化营商环境的通知', validity: 'in-force', fullTextUrl: 'https://sx.gov.cn/a' }, '2025-03-02T08:00:00.000Z', 'D-77'),
    ]);
    const golden = (await store.read(type, '绍政发〔2021〕4号'))!;
    expect(golden.record).toEqual({ title: '关于进一步优化营商环境的通知', validity: 'repealed', indexNumber: 'IDX-9', fullTextUrl: 'https://sx.gov.cn/a' });
    const where = fieldProvenance(golden);
    expect(where.title).toMatchObject({
      sourceId: 'issuer',
      sourceKey: 'D-77',
      rawKey: 'raw/issuer/2025-03-01/abc.json.gz',
      index: 3,
      extractedAt: '2025-03-02T08:00:00.000Z',
    });
    expect(where.validity).toMatchObject({ sourceId: 'legal-office', sourceKey: 'row-1' });
    expect(where.indexNumber?.sourceId).toBe('legal-office');
    expect(golden.version).toBe(2);
    // A sole contributor shares the current item's content; once a second source joins, each keeps its own row.
    const rows = await shared.clients.doc.send(
      new QueryCommand({
        TableName: tableName('records'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': `${type}#绍政发〔2021〕4号`, ':s': 'src#' },
      }),
    );
    expect((rows.Items ?? []).map((i): unknown[] => [i.sourceRef, i.bodyInCurrent ?? false, i.record?.title]).sort()).toEqual([
      ['issuer#D-77', false, '关于进一步优化营商环境的通知'],
      ['legal-office#row-1', false, '关于优化营商环境的通知'],
    ]);

    // The issuer changes validity: it does not decide it, so the golden record stays; no version.
    expect(
      await store.upsert([
        report(
          'issuer',
          { title: '关于进一步优化营商环境的通知', validity: 'expired', fullTextUrl: 'https://sx.gov.cn/a' },
          '2025-03-03T08:00:00.000Z',
          'D-77',
        ),
      ]),
    ).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await store.versions(type, '绍政发〔2021〕4号')).map((v) => v.version)).toEqual([1, 2]);

    // As-of reads: what the SSOT said before the issuer reported.
    const before = (await store.read(type, '绍政发〔2021〕4号', { asOf: afterFirst }))!;
    expect(before.version).toBe(1);
    expect(before.record).toEqual({ title: '关于优化营商环境的通知', validity: 'repealed', indexNumber: 'IDX-9' });
    expect(Object.values(fieldProvenance(before)).every((p) => p.sourceId === 'legal-office')).toBe(true);
  });

  it('keeps no second copy of a single-source record', async () => {
    const id = `single-${uniqueSuffix()}`;
    await store.upsert([{ ...report('issuer', { title: 't' }, '2025-04-01T00:00:00.000Z'), recordId: id }]);
    const items =
      (
        await shared.clients.doc.send(
          new QueryCommand({ TableName: tableName('records'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `${type}#${id}` } }),
        )
      ).Items ?? [];
    const bySk = Object.fromEntries(items.map((i) => [String(i.sk).replace(/\d+$/, ''), i]));
    // No contribution item at all: the current item is the row, and carries its sourceRef for the bySourceKey index.
    expect(Object.keys(bySk).sort()).toEqual(['current', 'v#']);
    expect(bySk.current?.sourceRef).toBe('issuer#row-1');
    expect([bySk.current?.fieldSources, bySk['v#']?.fieldSources, bySk['v#']?.contributors]).toEqual([undefined, undefined, undefined]);
    expect(fieldProvenance((await store.read(type, id))!).title?.sourceKey).toBe('row-1');
  });

  it('answers as-of reads across several versions, and nothing before the first', async () => {
    const id = `asof-${uniqueSuffix()}`;
    const moments: Date[] = [];
    for (const [i, title] of ['v1', 'v2', 'v3', 'v4'].entries()) {
      await store.upsert([{ ...report('issuer', { title }, `2025-04-0${i + 1}T00:00:00.000Z`), recordId: id }]);
      moments.push(clock.last());
    }
    const seen = await Promise.all(moments.map(async (m) => (await store.read(type, id, { asOf: m }))?.record.title));
    expect(seen).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(await store.read(type, id, { asOf: new Date('2000-01-01T00:00:00Z') })).toBeUndefined();
    expect((await store.read(type, id))?.record.title).toBe('v4');
  });
});
