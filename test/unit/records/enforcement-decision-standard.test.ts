import { describe, expect, it } from 'vitest';
import { enforcementDecisionSchema, fieldGrades, validateEnforcementDecision, type EnforcementDecision } from '../../../src/records/enforcement-decision.js';
import { isIdentityDocumentNumber } from '../../../src/records/identity-documents.js';
import type { ValidationIssue } from '../../../src/records/validation-issue.js';

const penalty: EnforcementDecision = {
  decisionNumber: '绍越市监罚〔2025〕12号',
  decisionKind: 'penalty',
  partyType: 'legal-person',
  partyName: '绍兴越城示例商贸有限公司',
  creditCode: '91330603MA2BCD1236',
  legalRepresentative: '王建华',
  legalRepresentativeIdType: 'resident-id-card',
  legalRepresentativeIdNumber: '330602198506120033',
  violationType: '销售不符合食品安全标准的食品',
  facts: '经查，当事人销售的预包装食品标签不符合食品安全国家标准。',
  legalBasis: '《中华人民共和国食品安全法》第一百二十五条',
  penaltyTypes: ['警告', '罚款'],
  penaltyContent: '警告，罚款人民币5000元',
  fineYuan: 5000,
  decisionDate: '2025-03-05',
  authority: '绍兴市越城区市场监督管理局',
  authorityCode: '11330600MB12345678',
  dataSource: '绍兴市越城区市场监督管理局',
  dataSourceCode: '11330600MB12345678',
  status: 'in-force',
  sourceUpdatedAt: '2025-03-06T10:15:00+08:00',
};

const { creditCode: _c, legalRepresentative: _r, legalRepresentativeIdType: _t, legalRepresentativeIdNumber: _n, ...withoutOrganisation } = penalty;
const person: EnforcementDecision = { ...withoutOrganisation, partyType: 'natural-person', partyName: '陈国伟', partyIdNumber: '330602198506120033' };

const { violationType: _v, facts: _f, legalBasis: _l, penaltyTypes: _p, penaltyContent: _pc, fineYuan: _y, status: _s, ...common } = penalty;
const licence: EnforcementDecision = {
  ...common,
  decisionNumber: '绍越市监食许〔2025〕8号',
  decisionKind: 'license',
  licenseDocumentName: '食品经营许可决定书',
  licenseCategory: '普通',
  licenseName: '食品经营许可证',
  licenseNumber: 'JY13306020012345',
  licenseContent: '预包装食品销售',
  validFrom: '2025-03-05',
  validUntil: '2030-03-04',
  licenseStatus: 'valid',
};

function issuesOf(candidate: unknown): ValidationIssue[] {
  const result = validateEnforcementDecision(candidate);
  return result.valid ? [] : result.errors;
}
const pathsOf = (candidate: unknown) => issuesOf(candidate).map((issue) => issue.path);

describe('identity documents of natural persons (证件类型)', () => {
  it('accepts a passport, a Hong Kong/Macao or Taiwan permit and a permanent-residence card by their own shapes', () => {
    expect(pathsOf({ ...person, partyIdType: 'passport', partyIdNumber: 'E12345678' })).toEqual([]);
    expect(pathsOf({ ...person, partyIdType: 'hk-macao-permit', partyIdNumber: 'H12345678' })).toEqual([]);
    expect(pathsOf({ ...person, partyIdType: 'hk-macao-permit', partyIdNumber: 'M1234567801' })).toEqual([]);
    expect(pathsOf({ ...person, partyIdType: 'taiwan-permit', partyIdNumber: '12345678' })).toEqual([]);
    expect(pathsOf({ ...person, partyIdType: 'foreign-permanent-residence', partyIdNumber: 'USA330619800101' })).toEqual([]);
    expect(pathsOf({ ...person, partyIdType: 'foreign-permanent-residence', partyIdNumber: '913060199001010011' })).toEqual([]);
  });

  it('checks only a resident identity card as a GB 11643 number, when the type says so or is absent', () => {
    const malformed = { ...person, partyIdNumber: '330602198506120034' };
    expect(issuesOf(malformed)).toEqual([
      {
        path: '/partyIdNumber',
        keyword: 'identityDocumentNumber',
        message: 'partyIdNumber (resident-id-card) is not a valid resident identity number (GB 11643-1999)',
        messageZh: '证件号码无效（格式、出生日期或校验位不符合 GB 11643-1999）',
      },
    ]);
    expect(pathsOf({ ...malformed, partyIdType: 'resident-id-card' })).toEqual(['/partyIdNumber']);
    // A passport number is not an identity number, and the other way round.
    expect(pathsOf({ ...person, partyIdType: 'passport', partyIdNumber: 'E12' })).toEqual(['/partyIdNumber']);
    expect(pathsOf({ ...person, partyIdType: 'hk-macao-permit', partyIdNumber: '330602198506120033' })).toEqual(['/partyIdNumber']);
    expect(pathsOf({ ...person, partyIdType: 'foreign-permanent-residence', partyIdNumber: '913060199001010012' })).toEqual(['/partyIdNumber']);
    expect(pathsOf({ ...person, partyIdType: 'driving-licence' })).toEqual(['/partyIdType']);
  });

  it('checks the legal representative’s number by its own type', () => {
    expect(pathsOf({ ...penalty, legalRepresentativeIdType: 'taiwan-permit', legalRepresentativeIdNumber: '1234567890B' })).toEqual([]);
    expect(pathsOf({ ...penalty, legalRepresentativeIdNumber: '33060219850612003X' })).toEqual(['/legalRepresentativeIdNumber']);
  });

  it('keeps the shapes apart', () => {
    expect(isIdentityDocumentNumber('passport', 'g12345678')).toBe(false);
    expect(isIdentityDocumentNumber('taiwan-permit', '1234567')).toBe(false);
    expect(isIdentityDocumentNumber('hk-macao-permit', 'A12345678')).toBe(false);
  });
});

describe('party codes (行政相对人代码)', () => {
  it('keeps an unincorporated organisation (非法人组织) apart and accepts an alternative code when it has no credit code', () => {
    const { creditCode: _code, ...noCreditCode } = penalty;
    const association = { ...noCreditCode, partyType: 'unincorporated-organization', partyName: '绍兴市越城区示例合伙企业' };
    expect(pathsOf({ ...association, organizationCode: 'MA2BCD12-3' })).toEqual([]);
    expect(pathsOf({ ...association, registrationNumber: '330602000123456' })).toEqual([]);
    expect(pathsOf({ ...association, socialOrganizationCertificate: '浙绍民证字第0123号' })).toEqual([]);
    expect(pathsOf({ ...association, institutionCertificate: '事证第133060000123号' })).toEqual([]);
  });

  it('requires some party code of an organisation and says which ones count', () => {
    const { creditCode: _code, ...noCreditCode } = penalty;
    expect(issuesOf({ ...noCreditCode, partyType: 'unincorporated-organization' })).toEqual([
      {
        path: '/creditCode',
        keyword: 'required',
        message: 'one of creditCode, registrationNumber, organizationCode, institutionCertificate, socialOrganizationCertificate is required',
        messageZh: '统一社会信用代码、工商注册号、组织机构代码、事业单位证书号、社会组织登记证号至少须填写一项',
      },
    ]);
    expect(pathsOf({ ...noCreditCode, organizationCode: 'MA2BCD1' })).toEqual(['/organizationCode']);
    expect(pathsOf({ ...noCreditCode, registrationNumber: '33060200012345X' })).toEqual(['/registrationNumber']);
  });
});

describe('the penalty 文号 (GB/T 9704-2012)', () => {
  it('accepts 机关代字〔年份〕序号号 and the bracket and zero variants the normalizer folds', () => {
    for (const number of ['绍越市监罚〔2025〕12号', '绍越市监罚[2025]012号', '绍越市监罚（2025）12号', '绍越市监罚【2025】12号', '绍越市监罚(2025)12']) {
      expect(pathsOf({ ...penalty, decisionNumber: number }), number).toEqual([]);
    }
  });

  it('rejects a number without a bracketed 4-digit year or a digit serial, naming the field', () => {
    expect(issuesOf({ ...penalty, decisionNumber: '绍越市监罚2025年12号' })).toEqual([
      {
        path: '/decisionNumber',
        keyword: 'documentNumberForm',
        message: 'decisionNumber (绍越市监罚2025年12号) is not a document number in GB/T 9704-2012 form 机关代字〔年份〕序号号, e.g. 绍市监罚〔2025〕12号',
        messageZh: '决定书文号（绍越市监罚2025年12号）不符合 GB/T 9704-2012 发文字号格式“机关代字〔年份〕序号号”（例：绍市监罚〔2025〕12号）',
      },
    ]);
    for (const number of ['绍越市监罚〔25〕12号', '绍越市监罚〔2025〕十二号', '〔2025〕12号', '绍越市监罚〔2025〕第12号', '绍越市监罚〔2025〕0号']) {
      expect(pathsOf({ ...penalty, decisionNumber: number }), number).toEqual(['/decisionNumber']);
    }
  });

  it('holds a licence’s 文书号 to the same form only when it is written as one', () => {
    expect(pathsOf({ ...licence, decisionNumber: 'JY13306020012345' })).toEqual([]);
    expect(pathsOf({ ...licence, decisionNumber: '绍越市监食许〔25〕8号' })).toEqual(['/decisionNumber']);
  });
});

describe('penalties and licences by kind', () => {
  it('accepts a licence with what the standard requires of it', () => {
    expect(validateEnforcementDecision(licence)).toEqual({ valid: true, record: licence });
  });

  it('rejects a licence without its document name, and one without category, start or status', () => {
    const { licenseDocumentName: _name, ...withoutName } = licence;
    expect(issuesOf(withoutName)).toEqual([
      { path: '/licenseDocumentName', keyword: 'required', message: 'licenseDocumentName is required', messageZh: '行政许可决定文书名称为必填项，不能缺失' },
    ]);
    const { licenseCategory: _cat, validFrom: _from, licenseStatus: _st, licenseContent: _ct, ...bare } = licence;
    expect(pathsOf(bare).sort()).toEqual(['/licenseCategory', '/licenseContent', '/licenseStatus', '/validFrom']);
    expect(pathsOf({ ...licence, licenseStatus: '有效' })).toEqual(['/licenseStatus']);
  });

  it('requires facts, basis, types and status of a penalty, and keeps amounts exact to the fen', () => {
    expect(validateEnforcementDecision(penalty).valid).toBe(true);
    expect(pathsOf({ ...penalty, confiscatedYuan: 12345.67 })).toEqual([]);
    expect(pathsOf({ ...penalty, confiscatedYuan: 0.001 })).toEqual(['/confiscatedYuan']);
    expect(pathsOf({ ...penalty, penaltyValidUntil: '2025-03-01' })).toEqual(['/penaltyValidUntil']);
  });

  it('publishes the legal representative (L1) but never the identity documents (L4)', () => {
    const grades = fieldGrades();
    expect(grades.legalRepresentative).toBe('L1');
    expect([grades.partyIdNumber, grades.legalRepresentativeIdType, grades.legalRepresentativeIdNumber]).toEqual(['L4', 'L4', 'L4']);
  });
});

describe('the schema speaks the national standard', () => {
  type Property = Readonly<Record<string, unknown>>;
  const properties = enforcementDecisionSchema.properties as unknown as Readonly<Record<string, Property>>;

  it('gives every field a Chinese title and every field of the standard its code, per kind where they differ', () => {
    for (const [field, property] of Object.entries(properties)) {
      expect(property.title, field).toMatch(/\p{Script=Han}/u);
      const code = property['x-code'];
      if (code === undefined) continue;
      const codes = typeof code === 'string' ? [code] : Object.values(code as Record<string, string>);
      for (const c of codes) expect(c, field).toMatch(/^(CF|XK)_[A-Z_]+$|^BZ$/);
    }
    expect(properties.decisionDate!['x-code']).toEqual({ penalty: 'CF_JDRQ', license: 'XK_JDRQ' });
    expect(properties.authority!['x-title']).toEqual({ penalty: '处罚机关', license: '许可机关' });
    expect(properties.fineYuan!['x-code']).toBe('CF_NR_FK');
    expect(properties.licenseDocumentName!['x-code']).toBe('XK_XKWS');
  });

  it('labels every value of every code list in Chinese', () => {
    for (const [field, property] of Object.entries(properties)) {
      const values = (property.enum ?? (property.items as Property | undefined)?.enum) as string[] | undefined;
      if (!values || field === 'district') continue;
      const labels = property['x-labels'] as Record<string, string>;
      expect(Object.keys(labels), field).toEqual(values);
      for (const label of Object.values(labels)) expect(label, field).toMatch(/\p{Script=Han}/u);
    }
    expect((properties.partyType!['x-labels'] as Record<string, string>)['unincorporated-organization']).toBe('非法人组织');
    expect(properties.status!['x-national-values']).toMatchObject({ 'in-force': '0', revoked: '1', objection: '2', other: '3' });
  });
});
