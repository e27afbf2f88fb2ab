import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { repoRoot } from '../../support/cli.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { checkDatasetGrades } from '../../../src/grading/index.js';
import { GRADED_CASE, gradedDataset } from '../../support/graded-record-type.js';

describe('checkDatasetGrades: what a dataset may not publish, each problem naming the field', () => {
  it('finds nothing in a dataset that may be published', () => {
    expect(checkDatasetGrades(gradedDataset(), GRADED_CASE)).toEqual([]);
  });

  it('names an unknown record type', () => {
    expect(checkDatasetGrades({ ...DATASET_DEFAULTS, recordType: 'no-such-type', fields: ['x'] })).toEqual([
      expect.stringMatching(/^\/recordType: 未知的记录类型 "no-such-type" \/ unknown record type "no-such-type"; known: enforcement-decision/),
    ]);
  });

  it('names a field the record type does not have', () => {
    expect(checkDatasetGrades(gradedDataset({ fields: ['caseNumber', 'nickname'] }), GRADED_CASE)).toEqual([
      '/fields/1: 字段 nickname 不是 graded-case 的字段 / nickname is not a field of graded-case',
    ]);
  });

  it('names an L4 field with its Chinese label', () => {
    expect(checkDatasetGrades(gradedDataset({ fields: ['caseNumber', 'internalNote'] }), GRADED_CASE)).toEqual([
      '/fields/1: 字段 internalNote（内部意见）分级为 L4（禁止开放），不得发布 / internalNote is graded L4 (never opened) and cannot be published',
    ]);
  });

  it('names the L4 field of the real enforcement-decision schema', () => {
    const problems = checkDatasetGrades({ ...DATASET_DEFAULTS, recordType: 'enforcement-decision', fields: ['decisionNumber', 'partyIdNumber'] });
    expect(problems).toEqual([expect.stringContaining('字段 partyIdNumber（证件号码）分级为 L4（禁止开放），不得发布')]);
  });

  it('refuses a lowered grade and accepts a raised one', () => {
    expect(checkDatasetGrades(gradedDataset({ grades: { partyName: 'L1' } }), GRADED_CASE)).toEqual([
      '/grades/partyName: 字段 partyName（当事人名称）：数据集不得调低分级 L2→L1 / a dataset may raise a grade, never lower it',
    ]);
    expect(checkDatasetGrades(gradedDataset({ grades: { partyName: 'L3', decisionDate: 'L2' } }), GRADED_CASE)).toEqual([]);
  });

  it('refuses a raise for a field that is not published, or not a field', () => {
    expect(checkDatasetGrades(gradedDataset({ grades: { ratio: 'L2', shoeSize: 'L3' } }), GRADED_CASE)).toEqual([
      '/grades/ratio: 字段 ratio（比例）未列入 fields，调整其分级无意义 / ratio is not a published field; raising its grade has no effect',
      '/grades/shoeSize: 字段 shoeSize 不是 graded-case 的字段 / shoeSize is not a field of graded-case',
    ]);
  });

  it('refuses a filter on a field the record type lacks', () => {
    expect(checkDatasetGrades(gradedDataset({ filter: { decisionKind: 'penalty' } }), GRADED_CASE)).toEqual([
      '/filter/decisionKind: 筛选字段 decisionKind 不是 graded-case 的字段 / filter field decisionKind is not a field of graded-case',
    ]);
  });

  it('refuses an L1 field holding personal information, which would go out unmasked', () => {
    expect(checkDatasetGrades(gradedDataset({ fields: ['caseNumber', 'contactName'] }), GRADED_CASE)).toEqual([
      '/fields/1: 字段 contactName（联系人）含个人信息（personName）而分级为 L1（无条件开放），须在 grades 中调高至 L2 或 L3 以脱敏发布 / contactName holds personal information (personName) but is graded L1; raise it to L2 or L3 in grades so it is masked',
    ]);
    // Raised to L2 it is masked, so it may be published.
    expect(checkDatasetGrades(gradedDataset({ fields: ['caseNumber', 'contactName'], grades: { contactName: 'L2' } }), GRADED_CASE)).toEqual([]);
  });

  it("the repository's schemas and datasets pass", async () => {
    const { valid } = await loadDatasets(join(repoRoot, 'datasets'));
    for (const dataset of valid) expect(checkDatasetGrades(dataset)).toEqual([]);
  });
});
