import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { compileFieldMap, type FieldMap } from '../../../src/mapping/field-map.js';
import type { MappingDefinition } from '../../../src/mapping/mapping.js';
import { normalizeBatch, type NormalizeDeps, type RecordTypeRules } from '../../../src/normalize/normalize-batch.js';
import { systemClock } from '../../../src/ports/index.js';
import { DynamoQuarantineStore } from '../../../src/aws/dynamo-quarantine-store.js';
import { replayQuarantine } from '../../../src/quarantine/replay.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
const tableName = (id: string): string => shared.config.resources.table(id);
const bucketName = (id: string): string => shared.config.resources.bucket(id);

/** A service-item department whose promised time limit column the first mapping read wrongly. */
const mapV1: FieldMap = {
  id: 'test-services',
  version: 1,
  recordType: 'service-item',
  fields: {
    itemCode: { from: 'sxbm' },
    name: { from: 'sxmc' },
    department: { from: 'ssbm' },
    itemType: { from: 'sxlx' },
    channels: { from: 'qd', as: 'list', values: { 窗口: 'window', 网上: 'online', 掌上: 'mobile' } },
    legalTimeLimitDays: { from: 'fdsx', as: 'integer' },
    // The defect: the department writes "3个工作日"; v1 reads it as an integer and fails.
    promisedTimeLimitDays: { from: 'cnsx', as: 'integer' },
    fees: { value: [] },
    materials: { value: [] },
    crossProvince: { from: 'kstb', as: 'boolean' },
  },
};
const mapV2: FieldMap = { ...mapV1, version: 2, fields: { ...mapV1.fields, promisedTimeLimitDays: { from: 'cnsx_days', as: 'integer' } } };

const rows = [
  {
    id: 'S-1',
    sxbm: '330600-0001',
    sxmc: '食品经营许可（新办）',
    ssbm: '市市场监管局',
    sxlx: '行政许可',
    qd: '窗口、网上',
    fdsx: '20',
    cnsx: '3个工作日',
    cnsx_days: 3,
    kstb: '是',
  },
  {
    id: 'S-2',
    sxbm: '330600-0002',
    sxmc: '药品零售许可',
    ssbm: '市市场监管局',
    sxlx: '行政许可',
    qd: '窗口',
    fdsx: '30',
    cnsx: '5个工作日',
    cnsx_days: 5,
    kstb: '否',
  },
  // Still wrong after the fix: the promised limit exceeds the legal one.
  {
    id: 'S-3',
    sxbm: '330600-0003',
    sxmc: '户外广告设置许可',
    ssbm: '市综合执法局',
    sxlx: '行政许可',
    qd: '掌上',
    fdsx: '10',
    cnsx: '12个工作日',
    cnsx_days: 12,
    kstb: '否',
  },
];

describe('quarantine replay after a mapping fix', () => {
  let deps: NormalizeDeps & { quarantine: DynamoQuarantineStore };
  let records: DynamoRecordStore;
  let mapping: MappingDefinition;
  let source: SourceConfig;
  let rawKey: string;
  beforeAll(async () => {
    shared = await useSharedAws();
    const sourceId = `services-${uniqueSuffix()}`;
    // Only what normalize reads of a source's configuration.
    source = { id: sourceId, recordType: 'service-item', mapping: 'test-services', primaryKey: 'id' } as unknown as SourceConfig;
    const raw = new S3ObjectStore(shared.clients.s3, bucketName('raw'));
    rawKey = `raw/${sourceId}/2025-03-06/${uniqueSuffix()}.json.gz`;
    await raw.put(rawKey, gzipSync(Buffer.from(JSON.stringify(rows))));
    records = new DynamoRecordStore(shared.clients.doc, tableName('records'), systemClock);
    mapping = compileFieldMap(mapV1);
    const type = recordTypeNamed('service-item');
    deps = {
      raw,
      records,
      quarantine: new DynamoQuarantineStore(shared.clients.doc, tableName('quarantine')),
      source: () => source,
      recordType: () => ({ validate: (c) => type.validate(c) as ReturnType<RecordTypeRules['validate']>, idOf: (r) => type.idOf(r) }),
      mapping: () => mapping,
      itemsOf: (_source, body) => JSON.parse(Buffer.from(body).toString('utf8')) as unknown[],
      clock: systemClock,
    };
  });

  it('quarantines every row with the source field named, then releases what the fixed mapping makes valid, once', async () => {
    const first = await normalizeBatch({ kind: 'raw-batch', sourceId: source.id, rawKey, itemCount: 3, pulledAt: '2025-03-06T02:00:00.000Z' }, deps);
    expect([first.valid, first.quarantined]).toEqual([0, 3]);
    const entry = await deps.quarantine.get(source.id, 'S-1');
    expect(entry).toMatchObject({ rawKey, index: 0, mapping: 'test-services@1', extractedAt: '2025-03-06T02:00:00.000Z' });
    expect(entry?.errors).toEqual([expect.objectContaining({ path: '/promisedTimeLimitDays', keyword: 'type', sourceField: 'cnsx' })]);

    mapping = compileFieldMap(mapV2);
    const replay = await replayQuarantine(source, deps);
    expect(replay).toMatchObject({ entries: 3, released: 2, stillInvalid: 1, created: 2, notReplayable: [] });
    expect((await deps.quarantine.list(source.id)).map((e) => [e.sourceKey, e.mapping, e.errors[0]?.keyword])).toEqual([
      ['S-3', 'test-services@2', 'promisedTimeLimitDaysNotAboveLegalTimeLimitDays'],
    ]);
    const stored = await records.read('service-item', '330600-0001');
    expect(stored?.record.promisedTimeLimitDays).toBe(3);
    expect(stored?.provenance).toMatchObject({ sourceId: source.id, rawKey, index: 0, sourceKey: 'S-1', extractedAt: '2025-03-06T02:00:00.000Z' });

    const again = await replayQuarantine(source, deps);
    expect(again).toMatchObject({ entries: 1, released: 0, stillInvalid: 1, created: 0, updated: 0 });
    expect((await records.versions('service-item', '330600-0001')).length).toBe(1);
  });

  it('releases a row from quarantine when the department fixes it at the source', async () => {
    const fixedKey = `raw/${source.id}/2025-03-07/${uniqueSuffix()}.json.gz`;
    await deps.raw.put(fixedKey, gzipSync(Buffer.from(JSON.stringify([{ ...rows[2], fdsx: '15' }]))));
    const outcome = await normalizeBatch(
      { kind: 'raw-batch', sourceId: source.id, rawKey: fixedKey, itemCount: 1, pulledAt: '2025-03-07T02:00:00.000Z' },
      deps,
    );
    expect([outcome.created, outcome.released]).toEqual([1, 1]);
    expect(await deps.quarantine.count(source.id)).toBe(0);
  });

  it('says which rows cannot be replayed and why', async () => {
    await deps.quarantine.put([
      {
        sourceId: source.id,
        recordType: 'service-item',
        sourceKey: 'S-9',
        rawKey: `raw/${source.id}/gone.json.gz`,
        index: 0,
        errors: [],
        raw: '{}',
        quarantinedAt: '2025-03-08T00:00:00.000Z',
      },
    ]);
    const replay = await replayQuarantine(source, deps, { sourceKeys: ['S-9'] });
    expect(replay.notReplayable).toEqual([{ sourceKey: 'S-9', reason: expect.stringMatching(/no longer in the raw zone/) }]);
  });
});
