import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDatasets } from '../../../src/config/catalog.js';
import { creditPeriodRule, creditPublicityOf } from '../../../src/disclosure/credit-publicity.js';
import { publicityJudgeFor } from '../../../src/disclosure/publicity-by-type.js';
import { publicityOf } from '../../../src/disclosure/publicity.js';

// The rules as the city configures them: the tests read the real dataset file.
const { valid, problems } = await loadDatasets(fileURLToPath(new URL('../../../datasets', import.meta.url)));
const dataset = valid.find((d) => d.id === 'credit-records');
if (!dataset?.disclosure) throw new Error(`datasets/credit-records.yaml did not load: ${JSON.stringify(problems)}`);
const rules = dataset.disclosure;

const penalty = (severity: string, fields: Record<string, unknown> = {}) => ({
  category: 'administrative-penalty',
  severity,
  listKind: 'administrative',
  authorityType: 'administrative-organ',
  decisionDate: '2026-05-10',
  publicityStartDate: '2026-05-10',
  repairStatus: 'not-repaired',
  ...fields,
});

describe('credit publicity windows by severity (《信用修复管理办法》, 国家发展和改革委员会令第36号)', () => {
  it.each([
    // severity, last public day, first day out
    ['minor', '2026-08-10', '2026-08-11'],
    ['general', '2027-05-10', '2027-05-11'],
    ['serious', '2029-05-10', '2029-05-11'],
  ])('%s: public through %s, out on %s', (severity, lastDay, firstOut) => {
    expect(creditPublicityOf(penalty(severity), '2026-05-10', rules).published).toBe(true);
    expect(creditPublicityOf(penalty(severity), lastDay, rules)).toMatchObject({ published: true, until: lastDay });
    expect(creditPublicityOf(penalty(severity), firstOut, rules)).toMatchObject({ published: false, reason: 'expired' });
  });

  it('cites the rule and its source for every window', () => {
    expect(creditPublicityOf(penalty('general'), '2026-06-01', rules)).toMatchObject({
      basis: { rule: expect.stringContaining('一般失信信息最短公示期3个月、最长公示期1年'), source: expect.stringContaining('国家发展和改革委员会令第36号') },
    });
    for (const rule of rules.periods) expect(rule.source).toMatch(/^《.+》（.+令第\d+号/);
  });

  it("a list's own rule wins over its severity's: a longer minimum before repair", () => {
    const wageArrears = { category: 'serious-dishonesty-list', severity: 'serious', listType: 'wage-arrears' };
    expect(creditPeriodRule(wageArrears, rules)).toMatchObject({ months: 36, minMonths: 12, source: expect.stringContaining('人力资源和社会保障部令第45号') });
    expect(creditPeriodRule({ ...wageArrears, listType: 'abnormal-operation', severity: 'general' }, rules)).toMatchObject({ months: 12, minMonths: 3 });
  });

  it("keeps the source's earlier 公示截止日期 and cuts a later one to the longest period", () => {
    expect(creditPublicityOf(penalty('general', { publicityEndDate: '2026-12-31' }), '2027-01-01', rules)).toMatchObject({
      published: false,
      reason: 'expired',
    });
    expect(creditPublicityOf(penalty('general', { publicityEndDate: '2030-01-01' }), '2027-05-10', rules)).toMatchObject({
      published: true,
      until: '2027-05-10',
    });
    expect(creditPublicityOf(penalty('general', { publicityEndDate: '2030-01-01' }), '2027-05-11', rules)).toMatchObject({ reason: 'expired' });
  });

  it('is not public before its determination or its publicity start', () => {
    expect(creditPublicityOf(penalty('general'), '2026-05-09', rules)).toMatchObject({ published: false, reason: 'not-yet-decided' });
    expect(creditPublicityOf(penalty('general', { publicityStartDate: '2026-05-15' }), '2026-05-14', rules)).toMatchObject({ published: false });
    expect(creditPublicityOf(penalty('general', { publicityStartDate: '2026-05-15' }), '2026-05-15', rules).published).toBe(true);
  });

  it('a licence or commendation with no rule and no end date stays public', () => {
    expect(creditPublicityOf({ category: 'administrative-license', decisionDate: '2020-01-01', repairStatus: 'not-applicable' }, '2026-12-01', rules)).toEqual({
      published: true,
    });
  });
});

describe('credit repair (信用修复) ends publication at once', () => {
  it('a repaired record is out inside its window; one whose repair is in progress is not', () => {
    const repaired = penalty('serious', { repairStatus: 'repaired', repairedDate: '2027-06-01' });
    expect(creditPublicityOf(repaired, '2027-06-02', rules)).toMatchObject({ published: false, reason: 'repaired' });
    expect(creditPublicityOf(penalty('serious', { repairStatus: 'in-progress' }), '2027-06-02', rules).published).toBe(true);
  });
});

describe("the court's 失信被执行人 list is kept apart", () => {
  it('is never in the administrative credit dataset, whatever its dates', () => {
    const court = {
      category: 'judgment-defaulter-list',
      listKind: 'judicial',
      authorityType: 'people-court',
      decisionDate: '2026-05-10',
      repairStatus: 'not-applicable',
    };
    expect(creditPublicityOf(court, '2026-05-11', rules)).toEqual({ published: false, reason: 'judicial-list' });
    // A court as the authority is judicial even when a source calls its list administrative.
    expect(creditPublicityOf({ ...court, category: 'serious-dishonesty-list', listKind: 'administrative' }, '2026-05-11', rules)).toMatchObject({
      reason: 'judicial-list',
    });
  });
});

describe('publicity by record type', () => {
  it('judges credit records by their windows and decisions by their 公示期', () => {
    expect(publicityJudgeFor('credit-record')).toBe(creditPublicityOf);
    expect(publicityJudgeFor('enforcement-decision')).toBe(publicityOf);
  });
});
