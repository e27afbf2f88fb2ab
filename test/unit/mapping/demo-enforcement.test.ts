import { describe, expect, it } from 'vitest';
import { generatePenalties, type DefectKind, type DemoPenalty } from '../../../demo/enforcement/generate.js';
import { MappingError } from '../../../src/mapping/mapping-error.js';
import { enforcementDecisionId, validateEnforcementDecision } from '../../../src/records/enforcement-decision.js';
import { demoMapping } from '../../support/mappings.js';

/** The penalty API's field map, as sources/demo-enforcement.yaml declares it. */
const penaltyMapping = await demoMapping('demo-enforcement');
const mapDemoPenalty = (raw: Readonly<Record<string, unknown>>): unknown => penaltyMapping.map(raw);

const { records, defective } = generatePenalties({ count: 1000, seed: 20261127 });

const EXPECTED_DEFECT_PATH: Readonly<Record<DefectKind, readonly [string, string]>> = {
  'missing-party-name': ['/partyName', 'required'],
  'malformed-credit-code': ['/creditCode', 'format'],
  'impossible-date': ['/decisionDate', 'format'],
  'missing-decision-number': ['/decisionNumber', 'required'],
  'negative-fine': ['/fineYuan', 'minimum'],
  'publicity-before-decision': ['/publicityEndDate', 'publicityNotBeforeDecision'],
};

const validate = (raw: DemoPenalty | Record<string, unknown>) => validateEnforcementDecision(mapDemoPenalty({ ...raw }));

const goldenRaw = {
  id: '100231',
  cf_wsh: ' 绍柯市监罚[2025]0123号',
  cf_ajmc: '绍兴柯桥恒盛纺织有限公司销售纤维含量不合格纺织品案',
  xdr_lb: '法人及非法人组织',
  xdr_mc: '绍兴柯桥恒盛纺织有限公司',
  xdr_shxym: '91330100799655058b',
  xdr_zjhm: '',
  xdr_fddbr: '王建华',
  cf_sy: '经查，当事人销售的纺织面料纤维含量项目不符合国家标准。',
  cf_yj: '《中华人民共和国产品质量法》第四十九条',
  cf_cflb: '没收非法财物，罚款、没收违法所得',
  cf_fk: '1.15',
  cf_jdrq: '2025年3月5日',
  cf_cfjg: '绍兴市柯桥区市场监督管理局',
  cf_cfjgdm: '11330603002531227H',
  cf_gsjzqx: '2028/3/5',
  cf_zt: '1',
  dq: '柯桥区',
  update_time: '2025-03-06 10:15:00',
};

describe('mapDemoPenalty', () => {
  it('maps a source record to the canonical form (golden example)', () => {
    expect(mapDemoPenalty(goldenRaw)).toEqual({
      decisionNumber: '绍柯市监罚〔2025〕123号',
      decisionKind: 'penalty',
      caseName: '绍兴柯桥恒盛纺织有限公司销售纤维含量不合格纺织品案',
      partyType: 'legal-person',
      partyName: '绍兴柯桥恒盛纺织有限公司',
      creditCode: '91330100799655058B',
      legalRepresentative: '王建华',
      facts: '经查，当事人销售的纺织面料纤维含量项目不符合国家标准。',
      legalBasis: '《中华人民共和国产品质量法》第四十九条',
      penaltyTypes: ['没收非法财物', '罚款', '没收违法所得'],
      fineYuan: 11500,
      decisionDate: '2025-03-05',
      publicityEndDate: '2028-03-05',
      authority: '绍兴市柯桥区市场监督管理局',
      authorityCode: '11330603002531227H',
      district: '柯桥区',
      status: 'revoked',
      sourceUpdatedAt: '2025-03-06T10:15:00+08:00',
    });
    expect(validate(goldenRaw).valid).toBe(true);
  });

  it('maps a natural person with an id number and no credit code', () => {
    const mapped = mapDemoPenalty({
      ...goldenRaw,
      xdr_lb: '自然人',
      xdr_mc: '陈国伟',
      xdr_shxym: '',
      xdr_fddbr: '',
      xdr_zjhm: '11010519491231002x',
      cf_fk: 0.3,
    });
    expect(mapped).toMatchObject({ partyType: 'natural-person', partyIdNumber: '11010519491231002X', fineYuan: 3000 });
    expect(mapped).not.toHaveProperty('creditCode');
    expect(mapped).not.toHaveProperty('legalRepresentative');
    expect(validateEnforcementDecision(mapped).valid).toBe(true);
  });

  // The national 当前状态 code list: 0 正常, 1 撤销, 2 异议, 3 其他.
  it.each([
    ['0', 'in-force'],
    ['1', 'revoked'],
    ['2', 'objection'],
    ['3', 'other'],
  ])('maps 当前状态 %s to %s', (code, status) => {
    const mapped = mapDemoPenalty({ ...goldenRaw, cf_zt: code });
    expect(mapped).toMatchObject({ status });
    expect(validateEnforcementDecision(mapped).valid).toBe(true);
  });

  it('maps individual businesses, statuses and blank optional fields', () => {
    expect(mapDemoPenalty({ ...goldenRaw, xdr_lb: '个体工商户' })).toMatchObject({ partyType: 'individual-business' });
    expect(mapDemoPenalty({ ...goldenRaw, cf_zt: 0 })).toMatchObject({ status: 'in-force' });
    const blank = mapDemoPenalty({ ...goldenRaw, cf_fk: '', cf_gsjzqx: '  ', cf_ajmc: null });
    expect(blank).not.toHaveProperty('fineYuan');
    expect(blank).not.toHaveProperty('publicityEndDate');
    expect(blank).not.toHaveProperty('caseName');
  });

  it('passes on what it cannot translate so the validator names the field', () => {
    const errorsOf = (raw: Record<string, unknown>) => {
      const result = validate(raw);
      return result.valid ? [] : result.errors.map((issue) => issue.path);
    };
    expect(errorsOf({ ...goldenRaw, cf_fk: '五千' })).toEqual(['/fineYuan']);
    expect(errorsOf({ ...goldenRaw, xdr_lb: '外国人' })).toEqual(['/partyType']);
    expect(errorsOf({ ...goldenRaw, cf_zt: '9' })).toEqual(['/status']);
    expect(errorsOf({ ...goldenRaw, cf_jdrq: '2024-02-30' })).toEqual(['/decisionDate']);
    expect(errorsOf({ ...goldenRaw, cf_cflb: '罚款,批评教育' })).toEqual(['/penaltyTypes/1']);
    expect(errorsOf({ ...goldenRaw, update_time: 'yesterday' })).toEqual(['/sourceUpdatedAt']);
  });

  it('keeps impossible dates impossible', () => {
    expect(mapDemoPenalty({ ...goldenRaw, cf_jdrq: '2024年2月30日' })).toMatchObject({ decisionDate: '2024-02-30' });
    expect(mapDemoPenalty({ ...goldenRaw, cf_jdrq: '2023.13.05' })).toMatchObject({ decisionDate: '2023-13-05' });
  });

  it('throws a MappingError naming the problem when the item is not an object', () => {
    const notAnObject = ['x'] as unknown as Record<string, unknown>;
    expect(() => mapDemoPenalty(notAnObject)).toThrow(MappingError);
    try {
      mapDemoPenalty(null as unknown as Record<string, unknown>);
    } catch (error) {
      expect(error).toBeInstanceOf(MappingError);
      expect((error as MappingError).sourceField).toBe('(item)');
      expect((error as MappingError).message).toMatch(/\(item\).*null/);
    }
  });
});

describe('generated department data through mapping and validation', () => {
  // Natural persons with a passport or a Hong Kong/Macao/Taiwan permit pass once the schema reads 证件类型 (issue 8).
  const foreignIds = new Set(records.filter((record) => record.xdr_zjlx !== '' && record.xdr_zjlx !== '身份证').map((record) => record.id));

  it('validates every record except the defective ones (and, until the schema reads 证件类型, foreign identity documents)', () => {
    const invalidIds = new Set(records.filter((record) => !validate(record).valid).map((record) => record.id));
    expect([...defective.keys()].every((id) => invalidIds.has(id))).toBe(true);
    expect([...invalidIds].filter((id) => !defective.has(id) && !foreignIds.has(id))).toEqual([]);
    expect(foreignIds.size).toBeGreaterThan(0);
  });

  it('reports each defect kind at its expected path, and nothing else', () => {
    for (const record of records) {
      const kind = defective.get(record.id);
      if (!kind) continue;
      const result = validate(record);
      const issues = result.valid ? [] : result.errors.map((issue) => [issue.path, issue.keyword]);
      expect(issues, `${record.id} (${kind})`).toEqual([EXPECTED_DEFECT_PATH[kind]]);
    }
  });

  it('gives valid records unique canonical ids', () => {
    const ids = records.flatMap((record) => {
      const result = validate(record);
      return result.valid ? [enforcementDecisionId(result.record)] : [];
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(1000 - defective.size - foreignIds.size);
  });
});
