import { describe, expect, it } from 'vitest';
import { DEFECT_KINDS, generatePenalties } from '../../../demo/enforcement/generate.js';
import { isChineseIdCard, isUscc } from '../../../src/records/formats.js';
import { normalizeDecisionNumber } from '../../../src/records/normalize-values.js';

const SEED = 20261127;
const { records, defective } = generatePenalties({ count: 1000, seed: SEED });
const clean = records.filter((record) => !defective.has(record.id));

describe('generatePenalties', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generatePenalties({ count: 1000, seed: SEED });
    expect(again.records).toEqual(records);
    expect([...again.defective]).toEqual([...defective]);
    expect(generatePenalties({ count: 1000, seed: SEED + 1 }).records).not.toEqual(records);
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

  it('gives valid credit codes and identity numbers to every clean record, and the right one to each party type', () => {
    for (const record of clean) {
      expect(isUscc(record.cf_cfjgdm), record.cf_cfjgdm).toBe(true);
      if (record.xdr_lb === '自然人') {
        expect(isChineseIdCard(record.xdr_zjhm), record.xdr_zjhm).toBe(true);
        expect(record.xdr_zjhm.startsWith('3306')).toBe(true);
        expect(record.xdr_shxym).toBe('');
      } else {
        expect(isUscc(record.xdr_shxym), record.xdr_shxym).toBe(true);
        expect(record.xdr_shxym.slice(0, 2)).toBe(record.xdr_lb === '个体工商户' ? '92' : '91');
        expect(record.xdr_zjhm).toBe('');
      }
    }
    expect(new Set(clean.map((record) => record.xdr_lb))).toEqual(new Set(['法人及非法人组织', '自然人', '个体工商户']));
  });

  it('matches the authority and its credit code to the district, and registers parties in Shaoxing', () => {
    const divisions: Record<string, string> = {
      越城区: '330602',
      柯桥区: '330603',
      上虞区: '330604',
      诸暨市: '330681',
      嵊州市: '330683',
      新昌县: '330624',
      绍兴市本级: '330600',
    };
    for (const record of clean) {
      expect(record.cf_cfjgdm.slice(2, 8)).toBe(divisions[record.dq]);
      expect(record.cf_cfjgdm.slice(0, 2)).toBe('11');
      // A firm fined in two districts keeps the code of where it first registered.
      if (record.xdr_shxym) expect(Object.values(divisions)).toContain(record.xdr_shxym.slice(2, 8));
    }
    expect(records.find((record) => record.dq === '柯桥区')?.cf_cfjg).toBe('绍兴市柯桥区市场监督管理局');
  });

  it('writes document numbers in source variants that normalize to unique canonical ids', () => {
    const written = clean.map((record) => record.cf_wsh);
    expect(written.some((number) => number.includes('['))).toBe(true);
    expect(written.some((number) => number.includes('('))).toBe(true);
    expect(written.some((number) => /〔\d{4}〕\d+号$/.test(number))).toBe(true);
    const canonical = written.map(normalizeDecisionNumber);
    expect(new Set(canonical).size).toBe(clean.length);
    expect(canonical.every((number) => /^\S+〔\d{4}〕[1-9]\d*号$/.test(number))).toBe(true);
  });

  it('orders update times ascending with ties of several records in one second', () => {
    const times = records.map((record) => record.update_time);
    expect(times.every((time) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time))).toBe(true);
    expect([...times].sort()).toEqual(times);
    const perSecond = new Map<string, number>();
    for (const time of times) perSecond.set(time, (perSecond.get(time) ?? 0) + 1);
    const tiedGroups = [...perSecond.values()].filter((size) => size > 1);
    expect(tiedGroups.length).toBeGreaterThan(50);
    expect(Math.max(...tiedGroups)).toBeGreaterThanOrEqual(3);
  });

  it('writes fines in 万元 as strings or numbers, and dates in more than one style', () => {
    expect(clean.some((record) => typeof record.cf_fk === 'number')).toBe(true);
    expect(clean.some((record) => typeof record.cf_fk === 'string' && record.cf_fk !== '')).toBe(true);
    expect(clean.some((record) => /年\d+月\d+日$/.test(record.cf_jdrq))).toBe(true);
    expect(new Set(clean.map((record) => record.cf_zt))).toEqual(new Set(['0', '1', '2', '3']));
  });

  it('starts at the time given', () => {
    const { records: fromStart } = generatePenalties({ count: 3, seed: 1, start: new Date('2026-01-05T09:00:00+08:00') });
    expect(fromStart[0]?.update_time).toBe('2026-01-05 09:00:00');
  });
});
