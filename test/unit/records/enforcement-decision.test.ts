import { describe, expect, it } from 'vitest';
import {
  ENFORCEMENT_DECISION,
  enforcementDecisionId,
  fieldGrades,
  validateEnforcementDecision,
  type EnforcementDecision,
} from '../../../src/records/enforcement-decision.js';
import { isRecordTypeName, recordTypeNamed, recordTypes } from '../../../src/records/registry.js';
import type { ValidationIssue } from '../../../src/records/validation-issue.js';

const firm: EnforcementDecision = {
  decisionNumber: '绍柯市监罚〔2025〕123号',
  caseName: '绍兴柯桥恒盛纺织有限公司销售纤维含量不合格纺织品案',
  partyType: 'legal-person',
  partyName: '绍兴柯桥恒盛纺织有限公司',
  creditCode: '91330100799655058B',
  legalRepresentative: '王建华',
  facts: '经查，当事人销售的纺织面料纤维含量项目不符合国家标准。',
  legalBasis: '《中华人民共和国产品质量法》第四十九条',
  penaltyTypes: ['没收非法财物', '罚款'],
  fineYuan: 11500.15,
  decisionDate: '2025-03-05',
  publicityEndDate: '2028-03-05',
  authority: '绍兴市柯桥区市场监督管理局',
  authorityCode: '11330600MB12345678',
  district: '柯桥区',
  status: 'in-force',
  sourceUpdatedAt: '2025-03-06T10:15:00+08:00',
};

const { creditCode: _firmCode, legalRepresentative: _firmRepresentative, ...withoutFirmFields } = firm;
const person: EnforcementDecision = {
  ...withoutFirmFields,
  partyType: 'natural-person',
  partyName: '陈国伟',
  partyIdNumber: '11010519491231002X',
};

function issuesOf(candidate: unknown): ValidationIssue[] {
  const result = validateEnforcementDecision(candidate);
  return result.valid ? [] : result.errors;
}

function pathsOf(candidate: unknown): string[] {
  return issuesOf(candidate).map((issue) => issue.path);
}

describe('validateEnforcementDecision', () => {
  it('accepts a firm and a natural person and returns the record', () => {
    expect(validateEnforcementDecision(firm)).toEqual({ valid: true, record: firm });
    expect(validateEnforcementDecision(person).valid).toBe(true);
  });

  it('reports a missing required field at the field, in English and Chinese', () => {
    const { partyName: _omitted, ...withoutName } = firm;
    expect(issuesOf(withoutName)).toEqual([
      { path: '/partyName', keyword: 'required', message: 'partyName is required', messageZh: '行政相对人名称为必填项，不能缺失' },
    ]);
  });

  it('requires a credit code of firms and individual businesses, an id number of people', () => {
    const { creditCode: _omitted, ...firmWithoutCode } = firm;
    expect(pathsOf(firmWithoutCode)).toEqual(['/creditCode']);
    expect(pathsOf({ ...firmWithoutCode, partyType: 'individual-business' })).toEqual(['/creditCode']);
    const { partyIdNumber: _id, ...personWithoutId } = person;
    expect(pathsOf(personWithoutId)).toEqual(['/partyIdNumber']);
  });

  it('checks credit codes, id numbers and dates by their real rules', () => {
    expect(pathsOf({ ...firm, creditCode: '91330100799655058C' })).toEqual(['/creditCode']);
    expect(pathsOf({ ...firm, authorityCode: '9135010' })).toEqual(['/authorityCode']);
    expect(pathsOf({ ...person, partyIdNumber: '110105194912310021' })).toEqual(['/partyIdNumber']);
    expect(pathsOf({ ...firm, decisionDate: '2024-02-30' })).toEqual(['/decisionDate']);
    expect(pathsOf({ ...firm, sourceUpdatedAt: '2025-03-06 10:15:00' })).toEqual(['/sourceUpdatedAt']);
  });

  it('rejects negative fines and fractions of a cent, but not cents that floats cannot represent', () => {
    expect(issuesOf({ ...firm, fineYuan: -5000 }).map((issue) => [issue.path, issue.keyword])).toEqual([['/fineYuan', 'minimum']]);
    expect(pathsOf({ ...firm, fineYuan: 10.005 })).toEqual(['/fineYuan']);
    expect(validateEnforcementDecision({ ...firm, fineYuan: 1.15 }).valid).toBe(true);
    expect(validateEnforcementDecision({ ...firm, fineYuan: 0 }).valid).toBe(true);
  });

  it('rejects unknown penalty types, empty lists and unknown fields', () => {
    expect(pathsOf({ ...firm, penaltyTypes: ['罚款', '批评教育'] })).toEqual(['/penaltyTypes/1']);
    expect(pathsOf({ ...firm, penaltyTypes: [] })).toEqual(['/penaltyTypes']);
    expect(issuesOf({ ...firm, remark: 'x' })).toMatchObject([{ path: '/remark', keyword: 'additionalProperties' }]);
  });

  it('rejects a publicity end date before the decision date, and allows the same day', () => {
    expect(issuesOf({ ...firm, publicityEndDate: '2025-03-04' })).toEqual([
      {
        path: '/publicityEndDate',
        keyword: 'publicityNotBeforeDecision',
        message: 'publicityEndDate (2025-03-04) must not precede decisionDate (2025-03-05)',
        messageZh: '公示截止期（2025-03-04）不得早于决定日期（2025-03-05）',
      },
    ]);
    expect(validateEnforcementDecision({ ...firm, publicityEndDate: '2025-03-05' }).valid).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(pathsOf({ ...firm, decisionNumber: '', fineYuan: -1, status: 'active', publicityEndDate: '2025-01-01' }).sort()).toEqual([
      '/decisionNumber',
      '/fineYuan',
      '/publicityEndDate',
      '/status',
    ]);
  });

  it('accepts an administrative licence, which has no facts or penalty types, and requires what it licenses', () => {
    const { facts: _f, legalBasis: _l, penaltyTypes: _p, fineYuan: _y, ...common } = firm;
    const licence = {
      ...common,
      decisionKind: 'license',
      licenseDocumentName: '食品经营许可决定书',
      licenseStatus: 'valid',
      licenseCategory: '普通',
      licenseName: '食品经营许可证',
      licenseNumber: 'JY13306020012345',
      licenseContent: '预包装食品销售',
      validFrom: '2025-03-05',
      validUntil: '2030-03-04',
    };
    expect(validateEnforcementDecision(licence).valid).toBe(true);
    const { licenseContent: _c, ...withoutContent } = licence;
    expect(pathsOf(withoutContent)).toEqual(['/licenseContent']);
    expect(pathsOf({ ...licence, validUntil: '2025-03-01' })).toEqual(['/validUntil']);
    const { status: _s, ...commonWithoutStatus } = common;
    expect(pathsOf(commonWithoutStatus).sort()).toEqual(['/facts', '/legalBasis', '/penaltyTypes', '/status']);
  });

  it('rejects values that are not objects', () => {
    expect(issuesOf(null)).toMatchObject([{ path: '', keyword: 'type' }]);
    expect(issuesOf(['x'])).toMatchObject([{ path: '', keyword: 'type' }]);
  });
});

describe('enforcementDecisionId', () => {
  const authority = '绍兴市越城区市场监督管理局';
  const authorityCode = '11330602MB0000000X';
  it("is the deciding authority's credit code and the document number in GB/T 9704 form", () => {
    expect(enforcementDecisionId({ decisionNumber: '绍越市监罚〔2021〕045号', authority, authorityCode })).toBe('11330602MB0000000X:绍越市监罚〔2021〕45号');
    expect(enforcementDecisionId({ decisionNumber: ' 绍越市监罚[2021]45号', authority, authorityCode })).toBe('11330602MB0000000X:绍越市监罚〔2021〕45号');
    expect(enforcementDecisionId({ decisionNumber: '绍越市监罚（2021）0045', authority, authorityCode: ' 11330602mb0000000x' })).toBe(
      '11330602MB0000000X:绍越市监罚〔2021〕45号',
    );
  });

  it("falls back to the authority's name without whitespace when it has no code", () => {
    expect(enforcementDecisionId({ decisionNumber: '绍越市监罚〔2021〕45号', authority: ' 绍兴市越城区 市场监督管理局' })).toBe(
      '绍兴市越城区市场监督管理局:绍越市监罚〔2021〕45号',
    );
  });

  it('gives one 文号 of two authorities two ids', () => {
    const other = enforcementDecisionId({
      decisionNumber: '绍越市监罚〔2021〕45号',
      authority: '绍兴市越城区综合行政执法局',
      authorityCode: '11330602MB0000001Y',
    });
    expect(other).not.toBe(enforcementDecisionId({ decisionNumber: '绍越市监罚〔2021〕45号', authority, authorityCode }));
  });
});

describe('fieldGrades', () => {
  it('gives every field its x-grade from the schema', () => {
    const grades = fieldGrades();
    expect(Object.keys(grades)).toHaveLength(42);
    expect(grades.partyIdNumber).toBe('L4');
    expect(grades.legalRepresentativeIdNumber).toBe('L4');
    expect(grades.legalRepresentativeIdType).toBe('L4');
    // The national standard publishes the legal representative (法定代表人) with the decision.
    expect(grades.legalRepresentative).toBe('L1');
    expect(grades.decisionNumber).toBe('L1');
    expect(Object.values(grades).every((grade) => ['L1', 'L2', 'L3', 'L4'].includes(grade))).toBe(true);
  });
});

describe('record type registry', () => {
  it('looks enforcement decisions up by name', () => {
    expect(isRecordTypeName(ENFORCEMENT_DECISION)).toBe(true);
    const type = recordTypeNamed(ENFORCEMENT_DECISION);
    expect(type).toBe(recordTypes['enforcement-decision']);
    const result = type.validate(firm);
    expect(result.valid && type.idOf(result.record)).toBe('11330600MB12345678:绍柯市监罚〔2025〕123号');
    expect(type.grades().partyIdNumber).toBe('L4');
    expect(type.schema.$id).toBe('https://tongyuan.sx.gov.cn/schemas/enforcement-decision.schema.json');
  });

  it('names the known types when asked for an unknown one', () => {
    expect(isRecordTypeName('toString')).toBe(false);
    expect(() => recordTypeNamed('business-licence')).toThrow(/unknown record type "business-licence"; known: enforcement-decision/);
  });
});
