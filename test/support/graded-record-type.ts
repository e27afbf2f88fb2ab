import type { DatasetConfig } from '../../src/config/catalog.js';
import type { GradedRecordType } from '../../src/grading/index.js';
import { idCardCheckChar, usccCheckChar } from '../../src/records/formats.js';
import { passesLuhn } from '../../src/records/personal-numbers.js';
import { chineseLabel } from '../../src/records/record-type.js';
import { DATASET_DEFAULTS } from './dataset-config.js';

/**
 * A record type for grading tests: the repository's schemas carry no L2/L3 personal fields
 * yet, so this one has one of each PII kind, graded as a restricted dataset would publish them.
 */
const properties: Record<string, Record<string, unknown>> = {
  caseNumber: { description: '案件编号 / case number', 'x-grade': 'L1', type: 'string' },
  caseKind: {
    description: '案件类别 / case kind',
    'x-grade': 'L1',
    type: 'string',
    enum: ['penalty', 'license'],
    'x-labels': { penalty: '行政处罚', license: '行政许可' },
  },
  partyType: {
    description: '当事人类别 / party type',
    'x-grade': 'L1',
    type: 'string',
    enum: ['natural-person', 'legal-person'],
    'x-labels': { 'natural-person': '自然人', 'legal-person': '法人' },
  },
  partyName: { description: '当事人名称 / party name', 'x-grade': 'L2', 'x-pii': 'personName', 'x-pii-party': 'partyType', type: 'string' },
  partyIdNumber: { description: '证件号码 / identity number', 'x-grade': 'L3', 'x-pii': 'idCard', type: 'string' },
  partyMobile: { description: '联系电话 / contact telephone', 'x-grade': 'L2', 'x-pii': 'mobile', 'x-pii-party': 'partyType', type: 'string' },
  partyAddress: { description: '住所地址 / address', 'x-grade': 'L2', 'x-pii': 'address', 'x-pii-party': 'partyType', type: 'string' },
  bankAccount: { description: '银行账号 / bank account', 'x-grade': 'L3', 'x-pii': 'bankAccount', type: 'string' },
  contactName: { description: '联系人 / contact person', 'x-grade': 'L1', 'x-pii': 'personName', type: 'string' },
  internalNote: { description: '内部意见 / internal note', 'x-grade': 'L4', type: 'string' },
  creditCode: { description: '统一社会信用代码 / unified social credit code', 'x-grade': 'L1', type: 'string', format: 'uscc' },
  authority: {
    title: '决定机关',
    'x-title': { penalty: '处罚机关', license: '许可机关' },
    description: '决定机关 / deciding authority',
    'x-grade': 'L1',
    type: 'string',
  },
  fineYuan: { description: '罚款金额（元）/ fine in yuan (the national standard speaks 万元)', 'x-grade': 'L1', type: 'number', multipleOf: 0.01 },
  count: { description: '次数 / count', 'x-grade': 'L1', type: 'integer' },
  ratio: { description: '比例 / ratio', 'x-grade': 'L1', type: 'number' },
  closed: { description: '是否结案 / closed', 'x-grade': 'L1', type: 'boolean' },
  decisionDate: { description: '决定日期 / decision date', 'x-grade': 'L1', type: 'string', format: 'date' },
  penaltyTypes: {
    description: '处罚类别 / penalty types',
    'x-grade': 'L1',
    type: 'array',
    items: { type: 'string', enum: ['warning', 'fine'], 'x-labels': { warning: '警告', fine: '罚款' } },
  },
  issuers: { description: '发文机关 / issuers', 'x-grade': 'L1', type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
  sourceUpdatedAt: { description: '源系统更新时间 / last update time in the source system', 'x-grade': 'L1', type: 'string', format: 'date-time' },
};

export const GRADED_CASE: GradedRecordType = {
  name: 'graded-case',
  schema: { $id: 'graded-case', description: '测试案件 / test case', type: 'object', properties },
  labels: Object.fromEntries(Object.entries(properties).map(([field, p]) => [field, chineseLabel(String(p.description), field)])),
};

/** A restricted dataset over GRADED_CASE that publishes one field of each PII kind. */
export function gradedDataset(overrides: Partial<DatasetConfig> = {}): DatasetConfig {
  return {
    ...DATASET_DEFAULTS,
    id: 'graded-cases',
    recordType: GRADED_CASE.name,
    fields: ['caseNumber', 'partyType', 'partyName', 'partyIdNumber', 'partyMobile', 'partyAddress', 'bankAccount', 'creditCode', 'decisionDate'],
    ...overrides,
  };
}

/** A valid 18-digit resident identity number for the district and birth date (GB 11643 check character). */
export function idNumber(district: string, birth: string, serial = '123'): string {
  const first17 = `${district}${birth}${serial}`;
  return `${first17}${idCardCheckChar(first17)!}`;
}

/** A Luhn-valid card number starting with `prefix`, `length` digits long. */
export function cardNumber(prefix: string, length = 16): string {
  const body = prefix.padEnd(length - 1, '0');
  for (let check = 0; check <= 9; check += 1) if (passesLuhn(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
}

/** A valid 统一社会信用代码 for its first 17 characters. */
export function creditCode(first17 = '91330602MA2D8F5X3'): string {
  return `${first17}${usccCheckChar(first17)!}`;
}
