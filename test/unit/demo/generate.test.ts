import { describe, expect, it } from 'vitest';
import { AUTHORITIES, authorityNamed } from '../../../demo/enforcement/authorities.js';
import { CASE_KINDS } from '../../../demo/enforcement/case-kinds.js';
import { DEFECT_KINDS, generatePenalties } from '../../../demo/enforcement/generate.js';
import { isRegistrationNumber, organizationCodeOf } from '../../../demo/enforcement/identifiers.js';
import { isWorkingDay, workingDaysBetween } from '../../../src/calendar/index.js';
import { isChineseIdCard, isUscc } from '../../../src/records/formats.js';
import { normalizeDecisionNumber, toIsoDate, toYuan } from '../../../src/records/normalize-values.js';

const SEED = 20261127;
const AS_OF = '2026-11-30';
const { records, defective, cases, piiInFacts } = generatePenalties({ count: 1000, seed: SEED, asOf: AS_OF });
const clean = records.filter((record) => !defective.has(record.id));
const typesOf = (record: { cf_cflb: string }) => record.cf_cflb.split(/[,，、]/u);
const WORKED_EXAMPLE = '91350100M000100Y43';

describe('generatePenalties', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generatePenalties({ count: 1000, seed: SEED, asOf: AS_OF });
    expect(again.records).toEqual(records);
    expect([...again.defective]).toEqual([...defective]);
    expect(generatePenalties({ count: 1000, seed: SEED + 1, asOf: AS_OF }).records).not.toEqual(records);
  });

  it('makes the number of records asked for, with unique integer ids', () => {
    expect(records).toHaveLength(1000);
    expect(new Set(records.map((record) => record.id)).size).toBe(1000);
    expect(records.every((record) => /^\d+$/.test(record.id))).toBe(true);
    expect(generatePenalties({ count: 5000, seed: 7 }).records).toHaveLength(5000);
  });

  it('makes about 2% defective, every kind represented, each keyed by source id', () => {
    expect(defective.size).toBe(20);
    expect(new Set(defective.values())).toEqual(new Set(DEFECT_KINDS));
    const ids = new Set(records.map((record) => record.id));
    expect([...defective.keys()].every((id) => ids.has(id))).toBe(true);
    expect(generatePenalties({ count: 1000, seed: SEED, defectRate: 0 }).defective.size).toBe(0);
    expect(generatePenalties({ count: 1000, seed: SEED, defectRate: 0.1 }).defective.size).toBe(100);
  });
});

describe('cases by article, fines inside the statutory range', () => {
  it('keeps every range in vocabulary with the article it comes from', () => {
    for (const kind of CASE_KINDS) {
      const article = /第[一二三四五六七八九十百]+条/u.exec(kind.legalBasis)![0];
      for (const sanction of kind.sanctions) {
        if (!sanction.fine) continue;
        expect(sanction.fine.minYuan).toBeLessThanOrEqual(sanction.fine.maxYuan);
        expect(sanction.fine.source, kind.title).toContain(article);
      }
    }
  });

  it('fines every case inside the range of the article it cites, and only when 罚款 is imposed', () => {
    let fined = 0;
    for (const record of clean) {
      const { kind, sanction } = cases.get(record.id)!;
      expect(record.cf_yj).toBe(kind.legalBasis);
      expect(typesOf(record)).toEqual(sanction.types);
      if (!sanction.fine) {
        expect(record.cf_fk, record.id).toBe('');
        continue;
      }
      const yuan = toYuan(record.cf_fk, 'wan-yuan');
      expect(typeof yuan).toBe('number');
      expect(yuan as number, `${record.cf_yj} ${record.cf_fk}`).toBeGreaterThanOrEqual(sanction.fine.minYuan);
      expect(yuan as number).toBeLessThanOrEqual(sanction.fine.maxYuan);
      fined += 1;
    }
    expect(fined).toBeGreaterThan(600);
    const food122 = clean.filter((record) => record.cf_yj.includes('食品安全法》第一百二十二条'));
    expect(food122.length).toBeGreaterThan(30);
    expect(food122.every((record) => Number(toYuan(record.cf_fk, 'wan-yuan')) >= 50_000)).toBe(true);
  });

  it('keeps penalty types consistent with the amounts: 罚款 iff a fine, a confiscation iff its amount', () => {
    for (const record of clean) {
      const types = typesOf(record);
      expect(types.includes('罚款'), record.id).toBe(record.cf_fk !== '');
      expect(types.includes('没收违法所得') || types.includes('没收非法财物'), record.id).toBe(record.cf_nr_wfff !== '');
      expect(types.includes('吊销许可证件')).toBe(record.cf_nr_zkdx !== '');
      if (types.every((type) => type === '警告')) expect(record.cf_fk).toBe('');
      expect(record.cf_nr).toMatch(/^1\./u);
    }
    expect(clean.some((record) => record.cf_cflb === '警告')).toBe(true);
    expect(clean.some((record) => record.cf_nr_zkdx.startsWith('食品经营许可证（JY'))).toBe(true);
  });
});

describe('authorities, 文号 and identifiers', () => {
  it('numbers decisions per authority per year with its own prefix, in GB/T 9704 form', () => {
    const numbered = clean.filter((record) => record.cf_wsh.trim() !== '');
    const seen = new Set<string>();
    for (const record of numbered) {
      const authority = authorityNamed(record.cf_cfjg)!;
      const canonical = normalizeDecisionNumber(record.cf_wsh);
      expect(canonical).toBe(cases.get(record.id)!.decisionNumber);
      const year = toIsoDate(record.cf_jdrq).slice(0, 4);
      expect(canonical.startsWith(`${authority.penaltyPrefix}〔${year}〕`), canonical).toBe(true);
      expect(canonical).toMatch(/〔\d{4}〕[1-9]\d*号$/u);
      expect(seen.has(`${authority.name}|${canonical}`)).toBe(false);
      seen.add(`${authority.name}|${canonical}`);
    }
    expect(new Set(numbered.map((record) => record.cf_cfjg)).size).toBeGreaterThanOrEqual(15);
    expect(numbered.some((record) => record.cf_wsh.includes('['))).toBe(true);
    expect(numbered.some((record) => record.cf_wsh.includes('('))).toBe(true);
  });

  it('gives each authority a valid Shaoxing 机关 credit code, never a worked example, and matches dq', () => {
    expect(new Set(AUTHORITIES.map((a) => a.creditCode)).size).toBe(AUTHORITIES.length);
    for (const authority of AUTHORITIES) {
      expect(isUscc(authority.creditCode), authority.name).toBe(true);
      expect(authority.creditCode).toMatch(/^113306\d\d/u);
      expect(authority.creditCode.slice(2, 8)).toBe(authority.district.divisionCode);
    }
    for (const record of clean) {
      const authority = authorityNamed(record.cf_cfjg)!;
      expect(record.cf_cfjgdm).toBe(authority.creditCode);
      expect(record.cf_sjlydm).toBe(authority.creditCode);
      expect(record.dq).toBe(authority.district.name);
      expect([record.cf_cfjgdm, record.xdr_shxym]).not.toContain(WORKED_EXAMPLE);
    }
    expect(records.find((record) => record.dq === '柯桥区' && record.cf_cfjg.includes('市场监督'))?.cf_cfjg).toBe('绍兴市柯桥区市场监督管理局');
  });

  it('gives every party valid identifiers registered in Shaoxing (3306xx), of the right kind', () => {
    for (const record of clean) {
      if (record.xdr_lb === '自然人') {
        expect(record.xdr_shxym).toBe('');
        if (record.xdr_zjlx === '身份证') {
          expect(isChineseIdCard(record.xdr_zjhm), record.xdr_zjhm).toBe(true);
          expect(record.xdr_zjhm.startsWith('3306')).toBe(true);
        } else if (record.xdr_zjlx === '护照号') expect(record.xdr_zjhm).toMatch(/^[A-Z]{1,2}\d{7,8}$/u);
        else if (record.xdr_zjlx === '港澳居民来往内地通行证') expect(record.xdr_zjhm).toMatch(/^[HM]\d{8}$/u);
        else expect([record.xdr_zjlx, record.xdr_zjhm]).toEqual(['台湾居民来往大陆通行证', expect.stringMatching(/^\d{8}$/u)]);
        continue;
      }
      expect(isUscc(record.xdr_shxym), record.xdr_shxym).toBe(true);
      expect(record.xdr_shxym.slice(2, 6)).toBe('3306');
      expect(record.xdr_zjhm).toBe('');
      expect(isChineseIdCard(record.fr_zjhm) && record.fr_zjhm.startsWith('3306'), record.fr_zjhm).toBe(true);
      expect(record.fr_zjlx).toBe('身份证');
      if (record.xdr_lb === '个体工商户') expect(record.xdr_shxym.slice(0, 2)).toBe('92');
      if (record.xdr_gszc) expect(isRegistrationNumber(record.xdr_gszc) && record.xdr_gszc.startsWith('3306')).toBe(true);
      if (record.xdr_zzjg) expect(record.xdr_zzjg).toBe(organizationCodeOf(record.xdr_shxym));
      if (record.xdr_sydw) expect(record.xdr_shxym.slice(0, 2)).toBe('12');
      if (record.xdr_shzz) expect(record.xdr_shxym.slice(0, 2)).toBe('52');
    }
    const kinds = new Set(clean.map((record) => record.xdr_lb));
    expect(kinds).toEqual(new Set(['法人', '非法人组织', '自然人', '个体工商户']));
    const idTypes = new Set(clean.map((record) => record.xdr_zjlx));
    expect(idTypes).toEqual(new Set(['', '身份证', '护照号', '港澳居民来往内地通行证', '台湾居民来往大陆通行证']));
    expect(clean.some((record) => record.xdr_lb === '非法人组织' && record.xdr_mc.endsWith('分公司'))).toBe(true);
    expect(clean.some((record) => record.xdr_gszc !== '')).toBe(true);
  });

  it('plants a few facts naming a bystander with a mobile number', () => {
    expect(piiInFacts.size).toBeGreaterThan(3);
    for (const id of piiInFacts) expect(records.find((r) => r.id === id)!.cf_sy).toMatch(/联系电话1\d{10}/u);
  });
});

describe('dates on the working-day calendar, relative to the as-of date', () => {
  const decided = clean.filter((record) => defective.get(record.id) !== 'impossible-date').map((record) => ({ record, date: toIsoDate(record.cf_jdrq) }));

  it('decides on working days only, none after the as-of date, most within the last 60 working days', () => {
    for (const { date } of decided) {
      expect(isWorkingDay(date), date).toBe(true);
      expect(date <= AS_OF).toBe(true);
    }
    const recent = decided.filter(({ date }) => workingDaysBetween(date, AS_OF) <= 60).length;
    expect(recent / decided.length).toBeGreaterThan(0.8);
    expect(decided.some(({ date }) => date < '2024-01-01')).toBe(true);
  });

  it('records update times after the decision and by the as-of date; some publicity periods have run out', () => {
    for (const { record, date } of decided) {
      expect(record.update_time.slice(0, 10) >= date, record.id).toBe(true);
      expect(record.update_time.slice(0, 10) <= AS_OF).toBe(true);
      if (record.cf_gsjzqx) expect(record.cf_gsjzqx > date).toBe(true);
    }
    expect(decided.some(({ record }) => record.cf_gsjzqx !== '' && record.cf_gsjzqx < AS_OF)).toBe(true);
  });

  it('orders update times ascending with ties of several records in one second', () => {
    const times = records.map((record) => record.update_time);
    expect([...times].sort()).toEqual(times);
    const perSecond = new Map<string, number>();
    for (const time of times) perSecond.set(time, (perSecond.get(time) ?? 0) + 1);
    const tiedGroups = [...perSecond.values()].filter((size) => size > 1);
    expect(tiedGroups.length).toBeGreaterThan(50);
    expect(Math.max(...tiedGroups)).toBeGreaterThanOrEqual(3);
  });

  it('writes statuses as the national code list, mostly 正常, and fines and dates in more than one style', () => {
    const statuses = clean.map((record) => record.cf_zt);
    expect(new Set(statuses)).toEqual(new Set(['0', '1', '2', '3']));
    expect(statuses.filter((s) => s === '0').length / statuses.length).toBeGreaterThan(0.85);
    expect(clean.some((record) => typeof record.cf_fk === 'number')).toBe(true);
    expect(clean.some((record) => /年\d+月\d+日$/u.test(record.cf_jdrq))).toBe(true);
  });
});
