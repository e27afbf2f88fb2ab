import { describe, expect, it } from 'vitest';
import { freeTextColumns, openColumns } from '../../../src/app/record-type-rules.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { idNumber } from '../disclosure/fixtures.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const dataset: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', license: 'CC-BY-4.0' };

const version = (recordId: string, record: Record<string, unknown>): StoredVersion => storedVersion('enforcement-decision', recordId, record);

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
  return memoryPublish(records, { openColumns, freeTextColumns });
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
    expect(outcome.release!.rowCount).toBe(1);
    const jsonl = Buffer.from(objects.get(outcome.release!.files.find((f) => f.format === 'jsonl')!.key)!).toString('utf8');
    const csv = Buffer.from(objects.get(outcome.release!.files.find((f) => f.format === 'csv')!.key)!).toString('utf8');
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
