import { describe, expect, it } from 'vitest';
import { generateCreditRows, type DemoCreditRow } from '../../../demo/credit/generate.js';
import { creditWindowMonths } from '../../../demo/credit/kinds.js';
import { COUNTY_DIVISIONS, SHAOXING_DIVISIONS } from '../../../demo/shared/shaoxing-bodies.js';
import { addMonthsClamped } from '../../../src/disclosure/publicity.js';
import { isChineseIdCard, isUscc } from '../../../src/records/formats.js';

const { rows: all, defective } = generateCreditRows(3000, 11, new Date('2026-06-01T00:00:00+08:00'));
const rows = all.filter((r) => !defective.has(r.id));
const SHAOXING = new Set(SHAOXING_DIVISIONS.map((d) => d.code));
const COUNTIES = new Set(COUNTY_DIVISIONS.map((d) => d.code));

/** The body competent for each kind of record, by what its name ends with. */
function competentAuthority(row: DemoCreditRow): RegExp {
  if (row.xxlb === '失信被执行人名单') return /人民法院$/;
  if (row.mdlx === '重大税收违法失信主体') return /^国家税务总局绍兴市税务局$/;
  if (row.mdlx === '拖欠农民工工资失信联合惩戒对象名单') return /人力资源和社会保障局$/;
  if (row.mdlx === '安全生产严重失信主体名单') return /应急管理局$/;
  if (row.xxlb === '行政处罚') return /(市场监督管理局|应急管理局|税务局|^绍兴市生态环境局)$/;
  return /市场监督管理局$/;
}

describe('demo credit centre: records an officer would sign', () => {
  it('has every kind of record, the court list among them', () => {
    expect(new Set(rows.map((r) => r.xxlb))).toEqual(new Set(['行政许可', '行政处罚', '严重失信主体名单', '经营异常名录', '失信被执行人名单', '表彰奖励']));
    expect(new Set(rows.map((r) => r.mdlx)).size).toBe(7); // six lists and none
  });

  it('attributes each record to the body competent for its kind, never to a 发改 body', () => {
    for (const row of rows) {
      expect(row.rdjg, `${row.xxlb} ${row.mdlx ?? ''}`).toMatch(competentAuthority(row));
      expect(row.rdjg).not.toMatch(/发展和改革|发改/);
    }
  });

  it("keeps the court's list judicial and everything else administrative", () => {
    for (const row of rows) {
      const court = row.xxlb === '失信被执行人名单';
      expect([row.mdxz, row.rdjglx]).toEqual(court ? ['司法', '人民法院'] : ['行政', '行政机关']);
      if (court) expect(row.jdswh).toMatch(/^（\d{4}）浙06(\d{2})?执\d+号$/);
    }
  });

  it("gives valid Shaoxing identifiers: codes of 3306xx, ID numbers of a county's, no standard's worked example", () => {
    for (const row of rows) {
      for (const code of [row.rdjgdm, row.tyshxydm].filter((c): c is string => c !== null)) {
        expect(isUscc(code), code).toBe(true);
        expect(SHAOXING.has(code.slice(2, 8)), code).toBe(true);
        expect(code).not.toBe('91350100M000100Y43');
      }
      if (row.sfzh !== null) {
        expect(isChineseIdCard(row.sfzh), row.sfzh).toBe(true);
        expect(COUNTIES.has(row.sfzh.slice(0, 6))).toBe(true);
      }
    }
  });

  it('numbers decisions per body and year, never twice', () => {
    const numbered = rows.filter((r) => r.jdswh !== null);
    expect(new Set(numbered.map((r) => r.jdswh)).size).toBe(numbered.length);
    expect(numbered.some((r) => /^绍越市监罚〔\d{4}〕1号$/.test(r.jdswh!))).toBe(true);
  });

  it('keeps windows within the rules and repairs only after the shortest period, before the last update', () => {
    let repaired = 0;
    for (const row of rows) {
      const window = creditWindowMonths(row.yzcd, null);
      const updated = row.updated_at.slice(0, 10);
      expect(row.jdrq <= updated && row.jdrq <= row.gsksrq && row.gsksrq <= updated).toBe(true);
      if (row.gsjzrq !== null) expect(row.gsjzrq <= addMonthsClamped(row.jdrq, 36)).toBe(true);
      if (window && row.mdlx === null) expect(row.gsjzrq).toBe(addMonthsClamped(row.jdrq, window.max));
      if (row.xfzt === '已修复') {
        repaired += 1;
        const min = row.mdlx && row.mdlx !== '经营异常名录' ? 12 : window!.min;
        expect(row.xfrq! > addMonthsClamped(row.jdrq, min) && row.xfrq! <= updated, `${row.jdrq} ${row.xfrq}`).toBe(true);
      }
      if (row.xxlb === '失信被执行人名单' || row.xxlb === '行政许可' || row.xxlb === '表彰奖励') expect(row.xfzt).toBe('不适用');
    }
    expect(repaired).toBeGreaterThan(50);
  });
});
