import { describe, expect, it } from 'vitest';
import { projectRow, releaseColumns } from '../../../src/grading/index.js';
import { GRADED_CASE, cardNumber, creditCode, gradedDataset, idNumber } from '../../support/graded-record-type.js';

const ID = idNumber('330602', '19880301');
const person = {
  caseNumber: '绍越市监罚〔2025〕12号',
  partyType: 'natural-person',
  partyName: '欧阳娜娜',
  partyIdNumber: ID,
  partyMobile: '13800138000',
  partyAddress: '浙江省绍兴市越城区解放路100号',
  bankAccount: cardNumber('622202'),
  creditCode: undefined,
  decisionDate: '2025-03-01',
  sourceUpdatedAt: '2025-03-02T08:00:00+08:00',
};
const company = {
  ...person,
  partyType: 'legal-person',
  partyName: '绍兴某某贸易有限公司',
  partyIdNumber: undefined,
  partyMobile: '13900139000',
  partyAddress: '浙江省绍兴市越城区解放路100号3幢',
  creditCode: creditCode(),
};

describe('projection of a restricted dataset: the standard masking profile', () => {
  const dataset = gradedDataset();

  it('publishes a natural person masked: name 欧阳*, mobile 138****8000, address to the district, ID and bank account dropped', () => {
    expect(projectRow(dataset, GRADED_CASE)(person)).toEqual({
      caseNumber: '绍越市监罚〔2025〕12号',
      partyType: 'natural-person',
      partyName: '欧阳*',
      partyMobile: '138****8000',
      partyAddress: '浙江省绍兴市越城区',
      decisionDate: '2025-03-01',
    });
  });

  it("leaves a legal person's name, number and address whole, and never publishes an ID or bank account", () => {
    const row = projectRow(dataset, GRADED_CASE)(company);
    expect(row).toEqual({
      caseNumber: '绍越市监罚〔2025〕12号',
      partyType: 'legal-person',
      partyName: '绍兴某某贸易有限公司',
      partyMobile: '13900139000',
      partyAddress: '浙江省绍兴市越城区解放路100号3幢',
      creditCode: creditCode(),
      decisionDate: '2025-03-01',
    });
  });

  it('masks when the record does not say who the party is', () => {
    const { partyType: _ignored, ...unknownParty } = person;
    expect(projectRow(dataset, GRADED_CASE)(unknownParty)).toMatchObject({ partyName: '欧阳*', partyMobile: '138****8000' });
  });

  it('has no column for a dropped field, and says how each masked column is masked', () => {
    const columns = releaseColumns(dataset, GRADED_CASE);
    expect(columns.map((c) => c.field)).toEqual(['caseNumber', 'partyType', 'partyName', 'partyMobile', 'partyAddress', 'creditCode', 'decisionDate']);
    expect(columns.find((c) => c.field === 'partyName')).toMatchObject({ grade: 'L2', masking: 'surname-only when partyType is natural-person' });
    expect(columns.find((c) => c.field === 'creditCode')).toMatchObject({ grade: 'L1', format: 'uscc' });
    expect(columns.find((c) => c.field === 'caseNumber')!.masking).toBeUndefined();
  });

  it('follows the dataset overrides: ID as age band and district, names and mobiles dropped', () => {
    const overridden = gradedDataset({ masking: { profile: 'standard', idCard: 'age-band-district', personName: 'drop', mobile: 'drop', address: 'drop' } });
    const columns = releaseColumns(overridden, GRADED_CASE);
    expect(columns.map((c) => c.field)).toEqual(['caseNumber', 'partyType', 'partyIdNumberAgeBand', 'partyIdNumberDistrict', 'creditCode', 'decisionDate']);
    expect(columns[2]).toMatchObject({ title: '证件号码（年龄段）', type: 'string', grade: 'L3', masking: 'age-band-district' });
    expect(columns[3]).toMatchObject({ title: '证件号码（行政区划代码）', type: 'string', grade: 'L3' });
    // Born 1988-03-01, the record last updated 2025-03-02: 37 years old.
    expect(projectRow(overridden, GRADED_CASE)(person)).toEqual({
      caseNumber: '绍越市监罚〔2025〕12号',
      partyType: 'natural-person',
      partyIdNumberAgeBand: '30-39岁',
      partyIdNumberDistrict: '330602',
      decisionDate: '2025-03-01',
    });
  });

  it('masks only fields graded L2 or L3 in the dataset: a raised L1 field with PII is masked', () => {
    const raised = gradedDataset({ fields: ['caseNumber', 'contactName'], grades: { contactName: 'L2' } });
    expect(projectRow(raised, GRADED_CASE)({ caseNumber: 'A1', contactName: '李四' })).toEqual({ caseNumber: 'A1', contactName: '李*' });
  });

  it('leaves absent fields absent and refuses an L4 field before shaping any row', () => {
    expect(projectRow(dataset, GRADED_CASE)({ caseNumber: 'A2' })).toEqual({ caseNumber: 'A2' });
    expect(() => projectRow(gradedDataset({ fields: ['caseNumber', 'internalNote'] }), GRADED_CASE)).toThrow(/internalNote（内部意见）.*L4/);
  });
});

describe('release columns from the schema', () => {
  const dataset = gradedDataset({
    fields: ['caseNumber', 'authority', 'fineYuan', 'count', 'ratio', 'closed', 'decisionDate', 'sourceUpdatedAt', 'penaltyTypes', 'issuers', 'partyType'],
    filter: { caseKind: 'license' },
  });
  const columns = releaseColumns(dataset, GRADED_CASE);
  const column = (field: string) => columns.find((c) => c.field === field)!;

  it('types each column from its JSON Schema', () => {
    expect(Object.fromEntries(columns.map((c) => [c.field, c.type]))).toEqual({
      caseNumber: 'string',
      authority: 'string',
      fineYuan: 'decimal',
      count: 'integer',
      ratio: 'number',
      closed: 'boolean',
      decisionDate: 'date',
      sourceUpdatedAt: 'date-time',
      penaltyTypes: 'string-list',
      issuers: 'object',
      partyType: 'string',
    });
  });

  it("titles a column by the kind the filter fixes, else by the field's Chinese label; English from the description", () => {
    expect(column('authority')).toMatchObject({ title: '许可机关', titleEn: 'deciding authority' });
    expect(releaseColumns(gradedDataset({ fields: ['authority'], filter: { caseKind: 'penalty' } }), GRADED_CASE)[0]!.title).toBe('处罚机关');
    expect(releaseColumns(gradedDataset({ fields: ['authority'] }), GRADED_CASE)[0]!.title).toBe('决定机关');
    expect(column('fineYuan')).toMatchObject({ title: '罚款金额（元）', titleEn: 'fine in yuan' });
  });

  it('carries code labels, from the items for a list of codes', () => {
    expect(column('partyType').labels).toEqual({ 'natural-person': '自然人', 'legal-person': '法人' });
    expect(column('penaltyTypes').labels).toEqual({ warning: '警告', fine: '罚款' });
    expect(column('caseNumber').labels).toBeUndefined();
  });
});
