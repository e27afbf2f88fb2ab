import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetConfig, SourceConfig } from '../../../src/config/catalog.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import type { DynamoQuarantineStore } from '../../../src/aws/dynamo-quarantine-store.js';
import type { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { compileFieldMap } from '../../../src/mapping/field-map.js';
import { normalizeBatch, type NormalizeDeps } from '../../../src/normalize/normalize-batch.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { conflictKey } from '../../../src/quarantine/conflict-entries.js';
import { conflictTable } from '../../../src/quarantine/conflict-view.js';
import { CONFLICT_RESOLUTION, replayQuarantine } from '../../../src/quarantine/replay.js';
import { enforcementDecisionId } from '../../../src/records/enforcement-decision.js';
import { idCardCheckChar, usccCheckChar } from '../../../src/records/formats.js';
import { routeChanges } from '../../../src/route/route-changes.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { recordTypeRules } from '../../../src/app/record-type-rules.js';
import { memoryPublish } from '../../support/publish-memory.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const TYPE = 'enforcement-decision';
const uscc = (first17: string): string => first17 + usccCheckChar(first17)!;
const idCard = (first17: string): string => first17 + idCardCheckChar(first17)!;

const MARKET = { authority: '绍兴市越城区市场监督管理局', authorityCode: uscc('11330602MB0000000') };
const TRANSPORT = { authority: '绍兴市越城区交通运输局', authorityCode: uscc('11330602MB0000001') };
const FIRM = { partyType: 'legal-person', partyName: '绍兴越城恒盛贸易有限公司', creditCode: uscc('91330602MA2B00001') };
const PERSON = { partyType: 'natural-person', partyName: '张三', partyIdNumber: idCard('33060219900101123') };

/** Both departments send canonical field names (the mapping reads each field as is). */
const FIELDS = [
  'decisionNumber',
  'caseName',
  'partyType',
  'partyName',
  'creditCode',
  'partyIdNumber',
  'facts',
  'legalBasis',
  'penaltyTypes',
  'fineYuan',
  'decisionDate',
  'authority',
  'authorityCode',
  'status',
  'sourceUpdatedAt',
];
const mapping = compileFieldMap({
  id: 'as-is',
  version: 1,
  recordType: TYPE,
  fields: { ...Object.fromEntries(FIELDS.map((f) => [f, { from: f }])), fineYuan: { from: 'fineYuan', as: 'yuan' } },
});

/**
 * Two departments report enforcement decisions, the case system (`api`, ranked first) and
 * the 双公示 export (`csv`), through the real normalize stage, SSOT and quarantine.
 */
describe('identity-safe golden records from two departments', () => {
  let shared: SharedAws;
  let records: DynamoRecordStore;
  let quarantine: DynamoQuarantineStore;
  let deps: NormalizeDeps;
  let api: SourceConfig;
  let csv: SourceConfig;
  let serial: number;
  let batches = 0;

  beforeAll(async () => {
    shared = await useSharedAws();
    const suffix = uniqueSuffix();
    api = { id: `api-${suffix}`, recordType: TYPE, primaryKey: 'id', precedence: { rank: 1 } } as unknown as SourceConfig;
    csv = { id: `csv-${suffix}`, recordType: TYPE, primaryKey: 'id', precedence: { rank: 2 } } as unknown as SourceConfig;
    records = shared.app.recordStore([api, csv]);
    quarantine = shared.app.quarantineStore();
    deps = {
      raw: shared.app.rawBucket(),
      records,
      quarantine,
      source: (id) => (id === api.id ? api : csv),
      recordType: recordTypeRules,
      mapping: () => mapping,
      itemsOf: (_source, body) => JSON.parse(Buffer.from(body).toString('utf8')) as unknown[],
      clock: { now: () => new Date('2025-03-10T02:00:00.000Z') },
    };
    // Serials this run alone uses: the table is shared with other tests.
    serial = 1000 + Math.floor(Math.random() * 8_000_000);
  });

  const decision = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    decisionNumber: `绍越市监罚〔2025〕${n}号`,
    caseName: '销售过期食品案',
    ...FIRM,
    facts: '经查，当事人销售超过保质期的食品。',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    penaltyTypes: ['罚款'],
    fineYuan: 50000,
    decisionDate: '2025-03-03',
    ...MARKET,
    status: 'in-force',
    sourceUpdatedAt: '2025-03-04T10:00:00+08:00',
    ...extra,
  });

  async function send(source: SourceConfig, pulledAt: string, rows: Record<string, unknown>[]) {
    const rawKey = `raw/${source.id}/2025-03-10/${(batches += 1)}.json.gz`;
    await deps.raw.put(rawKey, gzipSync(Buffer.from(JSON.stringify(rows))));
    return normalizeBatch({ kind: 'raw-batch', sourceId: source.id, rawKey, itemCount: rows.length, pulledAt }, deps);
  }

  const idOf = (row: Record<string, unknown>) => enforcementDecisionId(row as { decisionNumber: string; authority: string; authorityCode: string });

  /** What a release of these records shows: publishing over the live listing, limited to this test's ids. */
  async function released(ids: readonly string[]): Promise<Record<string, unknown>[]> {
    const dataset: DatasetConfig = { ...DATASET_DEFAULTS, id: `sgs-${serial}`, recordType: TYPE };
    const { deps: publishDeps } = memoryPublish([], {
      records: {
        async *listCurrent(type: string) {
          for await (const page of records.listCurrent(type)) yield page.filter((v) => ids.includes(v.recordId));
        },
      },
      openColumns: () => ['decisionNumber', 'partyName', 'creditCode', 'authority'],
    });
    const outcome = await publishDataset(dataset, publishDeps);
    return outcome.release!.rowCount === 0 ? [] : await readRows(publishDeps, outcome.release!.files.find((f) => f.format === 'jsonl')!.key);
  }

  async function readRows(publishDeps: { open: { get(key: string): Promise<Uint8Array | undefined> } }, key: string) {
    const text = Buffer.from((await publishDeps.open.get(key))!).toString('utf8');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('(a) merges the same case sent by both departments into one record with provenance from both', async () => {
    const row = decision(serial);
    await send(api, '2025-03-10T01:00:00.000Z', [{ id: 'P-1', ...row }]);
    const outcome = await send(csv, '2025-03-10T01:05:00.000Z', [{ id: '1', ...row, caseName: '销售超过保质期食品案', fineYuan: 40000 }]);
    expect(outcome).toMatchObject({ valid: 1, conflictsRaised: 0 });
    const golden = (await records.read(TYPE, idOf(row)))!;
    expect(golden.conflict).toBeUndefined();
    expect(golden.record).toMatchObject({ partyName: FIRM.partyName, fineYuan: 50000, caseName: '销售过期食品案' });
    expect(Object.keys(golden.contributors ?? {}).sort()).toEqual([`${api.id}#P-1`, `${csv.id}#1`]);
    expect(await quarantine.get(api.id, conflictKey(idOf(row)))).toBeUndefined();
  });

  it('(c) keeps one 文号 of two authorities as two records, with no conflict', async () => {
    const other = decision(serial, { ...TRANSPORT, ...PERSON, creditCode: undefined });
    const outcome = await send(csv, '2025-03-10T01:10:00.000Z', [{ id: '2', ...other }]);
    expect(outcome).toMatchObject({ valid: 1, created: 1, conflictsRaised: 0 });
    expect(idOf(other)).not.toBe(idOf(decision(serial)));
    expect((await records.read(TYPE, idOf(other)))!.record).toMatchObject({ partyName: PERSON.partyName, authority: TRANSPORT.authority });
    expect((await records.read(TYPE, idOf(decision(serial))))!.record).toMatchObject({ partyName: FIRM.partyName });
  });

  it('(b) splices nothing of two cases under one 文号: a conflict for the steward, and neither side published', async () => {
    const firmCase = decision(serial + 1);
    const personCase = decision(serial + 1, { ...PERSON, creditCode: undefined, caseName: '无证经营案', fineYuan: 2000 });
    const id = idOf(firmCase);
    await send(api, '2025-03-10T01:00:00.000Z', [{ id: 'P-2', ...firmCase }]);
    expect((await released([id])).map((r) => r.partyName)).toEqual([FIRM.partyName]);

    const outcome = await send(csv, '2025-03-10T01:05:00.000Z', [{ id: '3', ...personCase }]);
    expect(outcome).toMatchObject({ valid: 1, conflicted: 1, conflictsRaised: 1 });
    const stored = (await records.read(TYPE, id))!;
    expect(stored.conflict?.fields).toEqual(['partyCode', 'partyName']);
    expect(stored.record).toEqual({});
    expect(await released([id])).toEqual([]);

    // The published firm case is withdrawn from the feed; nothing of the person goes out.
    const versions = await records.versions(TYPE, id);
    const feeds = await memoryFeeds([
      subscriber({ id: 'open', feeds: ['enforcement'] }),
      subscriber({ id: 'gov', feeds: ['enforcement'], view: 'partner-government' }),
    ]);
    await routeChanges(versions, {
      feeds: feeds.deps,
      publishQueue: { send: async () => undefined },
      changes: { markChanged: async () => undefined },
      datasets: [],
      freeTextColumns: () => [],
      now: () => new Date(),
    });
    const sent = feeds.published.get('enforcement')!;
    const open = sent.filter((m) => m.attributes?.view === 'public').map((m) => JSON.parse(m.body) as { type: string; data: { reason?: string } });
    expect(open.map((e) => [e.type.split('.').at(-2), e.data.reason])).toEqual([
      ['published', undefined],
      ['withdrawn', 'identity-conflict'],
    ]);
    // Neither view carries anything of the person, nor does the Yangtze-Delta feed.
    expect(
      [...feeds.published.values()]
        .flat()
        .map((m) => m.body)
        .join('\n'),
    ).not.toContain(PERSON.partyName);

    for (const source of [api, csv]) {
      const entry = (await quarantine.get(source.id, conflictKey(id)))!;
      expect(entry.kind).toBe('identity-conflict');
      expect(entry.conflict!.sides.map((s) => [s.sourceId, s.sourceKey, s.identity.partyName?.raw])).toEqual([
        [api.id, 'P-2', FIRM.partyName],
        [csv.id, '3', PERSON.partyName],
      ]);
      expect(entry.conflict!.sides[1]!.record).toMatchObject({ partyIdNumber: PERSON.partyIdNumber, caseName: '无证经营案' });
    }
    expect(await quarantine.count(csv.id, 'identity-conflict')).toBe(1);
    const shown = conflictTable((await quarantine.get(csv.id, conflictKey(id)))!.conflict!).join('\n');
    expect(shown).toContain(FIRM.partyName);
    expect(shown).toContain(PERSON.partyName);
  });

  it('replays a conflict by re-reading its rows with today’s mapping, not as a validation failure, and says how it is resolved', async () => {
    const id = idOf(decision(serial + 1));
    const replay = await replayQuarantine(csv, { ...deps, quarantine });
    expect(replay).toMatchObject({ entries: 1, released: 0, stillInvalid: 0, notReplayable: [], created: 0, updated: 0 });
    expect(replay.conflicts).toEqual([{ sourceKey: conflictKey(id), resolved: false, resolution: CONFLICT_RESOLUTION }]);
    expect((await quarantine.get(csv.id, conflictKey(id)))?.kind).toBe('identity-conflict');
  });

  it('(d) merges and publishes again once the export corrects its row, and clears the conflict', async () => {
    const firmCase = decision(serial + 1);
    const id = idOf(firmCase);
    const outcome = await send(csv, '2025-03-10T01:30:00.000Z', [{ id: '3', ...firmCase, fineYuan: 45000 }]);
    expect(outcome).toMatchObject({ valid: 1, updated: 1, conflictsCleared: 1 });
    const stored = (await records.read(TYPE, id))!;
    expect(stored.conflict).toBeUndefined();
    expect(stored.record).toMatchObject({ partyName: FIRM.partyName, creditCode: FIRM.creditCode, fineYuan: 50000 });
    expect(Object.keys(stored.contributors ?? {}).sort()).toEqual([`${api.id}#P-2`, `${csv.id}#3`]);
    expect(await quarantine.get(api.id, conflictKey(id))).toBeUndefined();
    expect(await quarantine.get(csv.id, conflictKey(id))).toBeUndefined();
    expect((await released([id])).map((r) => [r.partyName, r.creditCode])).toEqual([[FIRM.partyName, FIRM.creditCode]]);
    const versions: StoredVersion[] = await records.versions(TYPE, id);
    expect(versions.map((v) => v.conflict !== undefined)).toEqual([false, true, false]);
  });
});
