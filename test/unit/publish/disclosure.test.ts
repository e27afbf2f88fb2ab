import { describe, expect, it } from 'vitest';
import { freeTextColumns, openColumns } from '../../../src/app/record-type-rules.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ObjectStore } from '../../../src/ports/index.js';
import { publishDataset, type PublishDeps } from '../../../src/publish/publish-dataset.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { idNumber } from '../disclosure/fixtures.js';

const dataset: DatasetConfig = { id: 'decisions', title: '决定', description: 'd', publisher: 'p', recordType: 'enforcement-decision', license: 'CC-BY-4.0' };

const version = (recordId: string, record: Record<string, unknown>): StoredVersion => ({
  recordType: 'enforcement-decision',
  recordId,
  record,
  version: 1,
  contentHash: 'h',
  storedAt: '2026-11-27T00:00:00Z',
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: '2026-11-27T00:00:00Z' },
});

const decision = (partyName: string, birth: string, facts: string, caseName: string) => ({
  decisionNumber: `绍越市监罚〔2025〕${partyName.length}号`,
  caseName,
  partyType: 'natural-person',
  partyName,
  partyIdNumber: idNumber('330602', birth, '123'),
  facts,
  decisionDate: '2025-03-01',
  authority: '绍兴市越城区市场监督管理局',
  status: 'in-force',
});

function releaseOf(records: StoredVersion[]) {
  const objects = new Map<string, Uint8Array>();
  const open: ObjectStore = {
    put: async (key, body) => void objects.set(key, typeof body === 'string' ? Buffer.from(body) : body),
    get: async (key) => objects.get(key),
    exists: async (key) => objects.has(key),
  };
  const deps: PublishDeps = {
    records: {
      async *listCurrent() {
        yield records;
      },
    },
    open,
    releases: { latest: async () => undefined, commit: async () => undefined },
    openColumns,
    freeTextColumns,
    clock: { now: () => new Date('2026-11-27T08:00:00Z') },
  };
  return { deps, objects };
}

describe('the disclosure step of a release', () => {
  it('publishes masked free text and leaves out the decision about a minor', async () => {
    const witnessId = idNumber('330621', '19850412', '456');
    const { deps, objects } = releaseOf([
      version(
        'adult',
        decision('张三', '20070228', `当事人张三雇佣王五（身份证号${witnessId}），消费者李小明投诉。`, '张三销售过期食品案（举报电话13800138000）'),
      ),
      version('minor', decision('赵六', '20090501', '当事人赵六无证经营。', '赵六无证经营案')),
    ]);
    const outcome = await publishDataset(dataset, deps);
    expect(outcome.release.rowCount).toBe(1);
    const jsonl = Buffer.from(objects.get(outcome.release.files.find((f) => f.format === 'jsonl')!.key)!).toString('utf8');
    const csv = Buffer.from(objects.get(outcome.release.files.find((f) => f.format === 'csv')!.key)!).toString('utf8');
    const row = JSON.parse(jsonl) as Record<string, string>;
    expect(row.facts).toBe(`当事人张三雇佣王*（身份证号3306**********${witnessId.slice(-4)}），消费者李**投诉。`);
    expect(row.caseName).toBe('张三销售过期食品案（举报电话138****8000）');
    expect(row.partyName).toBe('张三');
    for (const text of [jsonl, csv]) {
      expect(text).not.toContain('赵六');
      expect(text).not.toContain(witnessId);
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain('李小明');
    }
  });
});
