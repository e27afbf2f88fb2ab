import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { datasetFilter, disclosingDataset } from '../../../src/publish/dataset-filter.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const base: DatasetConfig = { id: 'penalties', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', license: 'CC-BY-4.0' };
const penalties: DatasetConfig = { ...base, filter: { decisionKind: 'penalty' } };
const licences: DatasetConfig = { ...base, id: 'licences', filter: { decisionKind: 'license' } };

const decision = (recordId: string, fields: Record<string, unknown>): StoredVersion =>
  storedVersion('enforcement-decision', recordId, { decisionNumber: recordId, decisionDate: '2026-03-01', status: 'in-force', ...fields });

describe('disclosingDataset', () => {
  it('finds the rules of the dataset that holds the record, not the first dataset of its type', () => {
    const rule = (decisionKind: 'penalty' | 'license', months: number) => ({ periods: [{ decisionKind, months, rule: 'r', source: 's' }] });
    // Licences sort first, as they do in the catalog: a penalty must still get the penalties' period.
    const datasets = [
      { ...licences, disclosure: rule('license', 36) },
      { ...penalties, disclosure: rule('penalty', 12) },
    ];
    expect(disclosingDataset(datasets, 'enforcement-decision', { decisionKind: 'penalty' })?.id).toBe('penalties');
    expect(disclosingDataset(datasets, 'enforcement-decision', {})?.id).toBe('penalties');
    expect(disclosingDataset(datasets, 'enforcement-decision', { decisionKind: 'license' })?.id).toBe('licences');
    expect(disclosingDataset(datasets, 'credit-record', {})).toBeUndefined();
    expect(disclosingDataset([penalties], 'enforcement-decision', {})).toBeUndefined();
  });
});

describe('datasetFilter', () => {
  it('selects by equal values, reading a missing field at its schema default', () => {
    const isPenalty = datasetFilter(penalties);
    expect(isPenalty({ decisionKind: 'penalty' })).toBe(true);
    // The schema's default: a decision that does not say its kind is a penalty.
    expect(isPenalty({})).toBe(true);
    expect(isPenalty({ decisionKind: 'license' })).toBe(false);
    expect(datasetFilter(licences)({})).toBe(false);
    expect(datasetFilter({ ...base, filter: { decisionKind: 'license', district: '越城区' } })({ decisionKind: 'license', district: '柯桥区' })).toBe(false);
  });

  it('lets every record through without a filter, and refuses a filter on a field the type does not have', () => {
    expect(datasetFilter(base)({ anything: 1 })).toBe(true);
    expect(() => datasetFilter({ ...base, filter: { kind: 'penalty' } })).toThrow('dataset penalties: filter names kind, not a field of enforcement-decision');
  });
});

describe('publishing two datasets of one record type', () => {
  const records = [decision('P-1', { decisionKind: 'penalty' }), decision('P-2', {}), decision('L-1', { decisionKind: 'license' })];
  const rowsOf = async (dataset: DatasetConfig) => {
    const { deps, objects } = memoryPublish(records, { startsAt: '2026-03-02T08:00:00Z', openColumns: () => ['decisionNumber'] });
    const outcome = await publishDataset(dataset, deps);
    const jsonl = Buffer.from(objects.get(outcome.release!.files.find((f) => f.format === 'jsonl')!.key)!).toString('utf8');
    return jsonl
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { decisionNumber: string }).decisionNumber);
  };

  it('puts penalties (kind penalty or none) in one and licences in the other', async () => {
    expect(await rowsOf(penalties)).toEqual(['P-1', 'P-2']);
    expect(await rowsOf(licences)).toEqual(['L-1']);
  });
});
