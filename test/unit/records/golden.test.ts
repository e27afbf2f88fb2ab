import { describe, expect, it } from 'vitest';
import { isRecordTypeName, recordTypeNamed, recordTypes } from '../../../src/records/registry.js';
import type { ValidationIssue } from '../../../src/records/validation-issue.js';
import { example, validExamples, type ExampleTypeName } from '../../support/record-examples.js';

const typeNames = Object.keys(validExamples) as ExampleTypeName[];

function issues(type: ExampleTypeName, candidate: unknown): ValidationIssue[] {
  const result = recordTypeNamed(type).validate(candidate);
  return result.valid ? [] : result.errors;
}
const paths = (type: ExampleTypeName, candidate: unknown): string[] =>
  issues(type, candidate)
    .map((issue) => issue.path)
    .sort();

function without(record: Record<string, unknown>, ...fields: string[]): Record<string, unknown> {
  const copy = { ...record };
  for (const field of fields) delete copy[field];
  return copy;
}

describe('every record type', () => {
  it('is registered, and the registry holds exactly the types with examples', () => {
    expect(Object.keys(recordTypes).sort()).toEqual([...typeNames].sort());
    for (const name of typeNames) expect(isRecordTypeName(name)).toBe(true);
  });

  it.each(typeNames)('%s: accepts its golden example and returns it', (name) => {
    expect(recordTypeNamed(name).validate(example(name))).toEqual({ valid: true, record: validExamples[name] });
  });

  it.each(typeNames)('%s: grades and describes every field in Chinese and English', (name) => {
    const type = recordTypeNamed(name);
    const properties = (type.schema.properties ?? {}) as Record<string, { description?: string }>;
    expect(Object.keys(type.grades())).toEqual(Object.keys(properties));
    for (const [field, property] of Object.entries(properties)) {
      expect(property.description, `${name}.${field}`).toMatch(/^\p{Script=Han}.*\/ [A-Za-z]/u);
      expect(type.labels[field]).toMatch(/^[^/]*\p{Script=Han}[^/]*$/u);
    }
  });

  it.each(typeNames)('%s: never grades personal information as open (L1)', (name) => {
    const type = recordTypeNamed(name);
    for (const field of Object.keys(type.pii())) expect(type.grades()[field], `${name}.${field}`).not.toBe('L1');
  });

  it.each(typeNames)('%s: reports a missing required field at the field, and unknown fields', (name) => {
    const required = (recordTypeNamed(name).schema.required as string[])[0]!;
    expect(issues(name, without(example(name), required))).toContainEqual(expect.objectContaining({ path: `/${required}`, keyword: 'required' }));
    expect(issues(name, { ...example(name), 备注: 'x' })).toEqual([expect.objectContaining({ path: '/备注', keyword: 'additionalProperties' })]);
  });

  it.each(typeNames)('%s: gives every issue an English and a Chinese message', (name) => {
    const found = issues(name, { ...example(name), sourceUpdatedAt: '2025-03-06 10:15' });
    expect(found).toHaveLength(1);
    for (const issue of found) {
      expect(issue.message).toMatch(/sourceUpdatedAt/);
      expect(issue.messageZh).toMatch(/源系统更新时间/);
    }
  });

  it('keeps ids free of identity numbers (ids travel in events and URLs)', () => {
    const person = { ...without(example('credit-record'), 'subjectCode'), subjectType: 'natural-person', subjectIdNumber: '11010519491231002X' };
    const type = recordTypeNamed('credit-record');
    const result = type.validate(person);
    expect(result.valid).toBe(true);
    if (result.valid) expect(type.idOf(result.record)).not.toContain('11010519491231002X');
  });
});

describe('normative-document', () => {
  const doc = () => example('normative-document');
  it('is one subject by its lead issuer and its 文号 in GB/T 9704 form', () => {
    const type = recordTypeNamed('normative-document');
    expect(type.idOf({ ...doc(), documentNumber: '绍政办发〔2021〕4号' })).toBe('绍兴市人民政府办公室:绍政办发〔2021〕4号');
    const coded = { ...doc(), issuingAuthorities: [{ name: '绍兴市人民政府办公室', code: '11330600MB0000000X' }] };
    expect(type.idOf(coded)).toBe('11330600MB0000000X:绍政办发〔2021〕4号');
  });
  it('wants the 文号 in GB/T 9704 form and says so', () => {
    expect(issues('normative-document', { ...doc(), documentNumber: '绍政办发[2021]04号' })).toEqual([
      expect.objectContaining({ path: '/documentNumber', keyword: 'format', messageZh: '文号不符合 GB/T 9704-2012 发文字号格式（机关代字〔年份〕序号号）' }),
    ]);
  });
  it('needs the full text or a link to it, said once', () => {
    expect(issues('normative-document', without(doc(), 'fullTextUrl'))).toEqual([
      { path: '/fullText', keyword: 'required', message: 'one of fullText, fullTextUrl is required', messageZh: '正文、正文链接至少须填写一项' },
    ]);
  });
  it('checks issuers, changes, links and the order of dates', () => {
    const broken = {
      ...doc(),
      issuingAuthorities: [{ name: '绍兴市人民政府办公室', code: '91350100M000100Y44' }],
      changes: [{ kind: 'replaces', targetDocumentNumber: '绍政办发〔2018〕12号', date: '2021-03-08' }],
      interpretations: [{ title: '解读', url: 'not a link' }],
      effectiveDate: '2021-01-01',
    };
    expect(paths('normative-document', broken)).toEqual(['/changes/0/kind', '/effectiveDate', '/interpretations/0/url', '/issuingAuthorities/0/code']);
    const nested = issues('normative-document', broken).find((issue) => issue.path === '/issuingAuthorities/0/code')!;
    expect(nested.message).toBe('issuingAuthorities/0/code is not a valid unified social credit code (GB 32100-2015)');
    expect(nested.messageZh).toMatch(/^发文机关（含联合发文）（第1项 code）无效/);
    expect(paths('normative-document', { ...doc(), issuingAuthorities: [] })).toEqual(['/issuingAuthorities']);
    expect(paths('normative-document', { ...doc(), validity: '有效' })).toEqual(['/validity']);
  });
});

describe('gazette-issue', () => {
  it('is named by year and issue', () => {
    const type = recordTypeNamed('gazette-issue');
    expect(type.idOf(example('gazette-issue'))).toBe('2021-04');
  });
  it('rejects impossible years and issues, and entries without a section', () => {
    const broken = { ...example('gazette-issue'), year: 1900, issueNumber: 0, entries: [{ title: '人事任免' }] };
    expect(paths('gazette-issue', broken)).toEqual(['/entries/0/category', '/issueNumber', '/year']);
    expect(paths('gazette-issue', { ...example('gazette-issue'), issueNumber: 4.5 })).toEqual(['/issueNumber']);
  });
});

describe('credit-record', () => {
  const record = () => example('credit-record');
  it('is one subject by category and decision 文号, so two departments reporting it merge', () => {
    const type = recordTypeNamed('credit-record');
    expect(type.idOf({ ...record(), decisionNumber: '绍柯市监罚[2025]0123号' })).toBe('administrative-penalty:绍柯市监罚〔2025〕123号');
    expect(type.idOf(without(record(), 'decisionNumber'))).toBe('administrative-penalty:#XY-2025-000123');
  });
  it('requires the subject code of firms, the ID number of people, a severity for negative records, a date for repairs', () => {
    expect(paths('credit-record', without(record(), 'subjectCode'))).toEqual(['/subjectCode']);
    expect(paths('credit-record', { ...record(), subjectType: 'natural-person' })).toEqual(['/subjectIdNumber']);
    expect(paths('credit-record', without(record(), 'severity'))).toEqual(['/severity']);
    expect(paths('credit-record', { ...record(), category: 'commendation', severity: undefined })).toEqual([]);
    expect(paths('credit-record', { ...record(), repairStatus: 'repaired' })).toEqual(['/repairedDate']);
    expect(paths('credit-record', { ...record(), repairStatus: 'repaired', repairedDate: '2025-09-01' })).toEqual([]);
  });
  it('rejects a window that ends before it starts, and a bad severity', () => {
    expect(paths('credit-record', { ...record(), publicityEndDate: '2025-03-01', severity: '严重' })).toEqual(['/publicityEndDate', '/severity']);
  });
});

describe('property-rights-transaction', () => {
  const deal = () => example('property-rights-transaction');
  const result = ['dealPriceYuan', 'dealDate', 'transactionMethod', 'transfereeType', 'transfereeName'] as const;
  it('requires price, date, method and transferee of a deal', () => {
    expect(paths('property-rights-transaction', without(deal(), ...result))).toEqual([
      '/dealDate',
      '/dealPriceYuan',
      '/transactionMethod',
      '/transfereeName',
      '/transfereeType',
    ]);
    expect(paths('property-rights-transaction', { ...without(deal(), ...result), status: 'listed' })).toEqual([]);
  });
  it('rejects negative prices, fractions of a cent, dates out of order and a bad transferor code', () => {
    const broken = { ...deal(), listingPriceYuan: -1, dealPriceYuan: 1.005, listingEndDate: '2025-03-01', transferor: { name: 'x', creditCode: '9144' } };
    expect(paths('property-rights-transaction', broken)).toEqual(['/dealPriceYuan', '/listingEndDate', '/listingPriceYuan', '/transferor/creditCode']);
  });
});

describe('service-item', () => {
  const item = () => example('service-item');
  it('does not promise more time than the law allows', () => {
    expect(issues('service-item', { ...item(), promisedTimeLimitDays: 30 })).toEqual([
      expect.objectContaining({ path: '/promisedTimeLimitDays', messageZh: '承诺办结时限（工作日）（30）不得超过法定办结时限（工作日）（20）' }),
    ]);
  });
  it('checks channels, materials, fees and the cross-province flag', () => {
    const broken = { ...item(), channels: ['窗口'], materials: [{ name: '营业执照' }], fees: [{ name: '工本费', amountYuan: -5 }], crossProvince: '是' };
    expect(paths('service-item', broken)).toEqual(['/channels/0', '/crossProvince', '/fees/0/amountYuan', '/fees/0/basis', '/materials/0/required']);
    expect(paths('service-item', { ...item(), channels: [] })).toEqual(['/channels']);
  });
});

describe('major-decision', () => {
  const decision = () => example('major-decision');
  it('is named by catalogue year, deciding body and number: each body numbers its own catalogue', () => {
    const type = recordTypeNamed('major-decision');
    expect(type.idOf(decision())).toBe('2024-绍兴市人民政府-07');
    expect(type.idOf({ ...decision(), decidingBody: '绍兴市 人民政府' })).toBe('2024-绍兴市人民政府-07');
    expect(type.idOf({ ...decision(), decidingBodyCode: '11330600002486952x' })).toBe('2024-11330600002486952X-07');
    expect(type.idOf({ ...decision(), decidingBody: '诸暨市人民政府' })).not.toBe(type.idOf(decision()));
  });
  it('requires the dates each stage implies, in order', () => {
    expect(paths('major-decision', without(decision(), 'decisionDate'))).toEqual(['/decisionDate']);
    expect(paths('major-decision', { ...without(decision(), 'decisionDate', 'consultationStartDate', 'consultationEndDate'), stage: 'catalog' })).toEqual([]);
    // Before the decision a record may come without its steps (a catalogue that keeps only the dates).
    expect(paths('major-decision', { ...without(decision(), 'steps'), stage: 'consultation', consultationEndDate: '2024-05-01' })).toEqual([
      '/consultationEndDate',
    ]);
    expect(paths('major-decision', { ...decision(), stage: 'voting', plannedCompletion: '2024-13' })).toEqual(['/plannedCompletion', '/stage']);
  });
});
