import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { CATEGORY_LABELS, ForbiddenFieldError, datasetCategory, publishedGrades } from '../../../src/grading/index.js';
import { repoRoot } from '../../support/cli.js';
import { join } from 'node:path';
import { GRADED_CASE, gradedDataset } from '../../support/graded-record-type.js';

describe('the category of a dataset follows its strictest published field (就高从严)', () => {
  it('is open (无条件开放) when every published field is L1', () => {
    const dataset = gradedDataset({ fields: ['caseNumber', 'partyType', 'creditCode', 'decisionDate'] });
    expect(datasetCategory(dataset, GRADED_CASE)).toBe('open');
    expect(CATEGORY_LABELS.open).toBe('无条件开放');
  });

  it('is restricted (受限开放) with one L2 or L3 field', () => {
    expect(datasetCategory(gradedDataset({ fields: ['caseNumber', 'partyName'] }), GRADED_CASE)).toBe('restricted');
    expect(datasetCategory(gradedDataset({ fields: ['caseNumber', 'bankAccount'] }), GRADED_CASE)).toBe('restricted');
    expect(CATEGORY_LABELS.restricted).toBe('受限开放');
  });

  it('is restricted when the dataset raises an L1 field to L2', () => {
    const dataset = gradedDataset({ fields: ['caseNumber', 'decisionDate'], grades: { decisionDate: 'L2' } });
    expect(publishedGrades(dataset, GRADED_CASE).get('decisionDate')).toBe('L2');
    expect(datasetCategory(dataset, GRADED_CASE)).toBe('restricted');
  });

  it('refuses an L4 field, naming it with its Chinese label', () => {
    const dataset = gradedDataset({ fields: ['caseNumber', 'internalNote'] });
    expect(() => datasetCategory(dataset, GRADED_CASE)).toThrow(ForbiddenFieldError);
    expect(() => datasetCategory(dataset, GRADED_CASE)).toThrow('字段 internalNote（内部意见）分级为 L4（禁止开放），不得发布');
    expect(CATEGORY_LABELS.forbidden).toBe('禁止开放');
  });

  it('refuses a field raised to L4 by the dataset', () => {
    const dataset = gradedDataset({ fields: ['caseNumber', 'partyName'], grades: { partyName: 'L4' } });
    expect(() => datasetCategory(dataset, GRADED_CASE)).toThrow(/partyName（当事人名称）.*L4/);
  });

  it('a lowered grade does not lower the field: the schema grade wins', () => {
    const dataset = gradedDataset({ fields: ['caseNumber', 'partyName'], grades: { partyName: 'L1' } });
    expect(publishedGrades(dataset, GRADED_CASE).get('partyName')).toBe('L2');
    expect(datasetCategory(dataset, GRADED_CASE)).toBe('restricted');
  });

  it("the repository's datasets are open but the property-rights exchange's restricted twin", async () => {
    const { valid, problems } = await loadDatasets(join(repoRoot, 'datasets'));
    expect(problems).toEqual([]);
    expect(valid.length).toBeGreaterThan(0);
    for (const dataset of valid) {
      const expected = dataset.id === 'property-rights-transactions-restricted' ? 'restricted' : 'open';
      expect([dataset.id, datasetCategory(dataset)]).toEqual([dataset.id, expected]);
    }
  });
});
