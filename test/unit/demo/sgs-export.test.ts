import { describe, expect, it } from 'vitest';
import { PLANTED_CONFLICT_COUNT, sgsExport } from '../../../demo/drops/sgs-export.js';
import { generatePenalties, type DemoPenalty } from '../../../demo/enforcement/generate.js';
import { normalizeDecisionNumber, toIsoDate, toYuan } from '../../../src/records/normalize-values.js';

const SEED = 20261127;
const generated = generatePenalties({ count: 1000, seed: SEED, asOf: '2026-11-30' });
const { rows, caseOf, defective, conflicts } = sgsExport(generated, SEED);
const apiById = new Map(generated.records.map((record) => [record.id, record]));
const fine = (raw: string | number) => (raw === '' ? '' : toYuan(raw, 'wan-yuan'));

/** The API's clean cases by their match key: deciding authority + canonical 文号. */
const apiByKey = new Map<string, DemoPenalty>();
for (const record of generated.records) {
  if (generated.defective.has(record.id)) continue;
  apiByKey.set(`${record.cf_cfjg}|${normalizeDecisionNumber(record.cf_wsh)}`, record);
}

describe('the 双公示 CSV export: a view of the API cases', () => {
  it('exports part of the market-regulation cases, numbered 1…n, deterministically', () => {
    expect(rows.map((row) => row.id)).toEqual(rows.map((_, index) => String(index + 1)));
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((row) => row.cf_cfjg.includes('市场监督管理局'))).toBe(true);
    expect(sgsExport(generatePenalties({ count: 1000, seed: SEED, asOf: '2026-11-30' }), SEED).rows).toEqual(rows);
  });

  it('matches an API case on authority + 文号 with the same party, date and fine, except exactly the planted conflicts', () => {
    const mismatched: string[] = [];
    for (const row of rows) {
      if (defective.has(row.id)) continue;
      const api = apiByKey.get(`${row.cf_cfjg}|${normalizeDecisionNumber(row.cf_wsh)}`);
      expect(api, row.cf_wsh).toBeDefined();
      if (api!.xdr_mc !== row.xdr_mc || api!.xdr_shxym !== row.xdr_shxym || api!.xdr_zjhm !== row.xdr_zjhm) {
        mismatched.push(row.id);
        continue;
      }
      expect(caseOf.get(row.id)).toBe(api!.id);
      expect(toIsoDate(row.cf_jdrq)).toBe(toIsoDate(api!.cf_jdrq));
      expect(fine(row.cf_fk)).toEqual(fine(api!.cf_fk));
      expect(row.cf_sy).toBe(api!.cf_sy);
    }
    expect(conflicts).toHaveLength(PLANTED_CONFLICT_COUNT);
    expect(mismatched.sort()).toEqual(conflicts.map((c) => c.serial).sort());
  });

  it('lists each planted conflict with both sides: one 文号 of one authority, two different parties', () => {
    for (const conflict of conflicts) {
      const row = rows.find((r) => r.id === conflict.serial)!;
      const api = apiById.get(conflict.apiId)!;
      expect(normalizeDecisionNumber(row.cf_wsh)).toBe(conflict.decisionNumber);
      expect(normalizeDecisionNumber(api.cf_wsh)).toBe(conflict.decisionNumber);
      expect([row.cf_cfjg, api.cf_cfjg]).toEqual([conflict.authority, conflict.authority]);
      expect([row.xdr_mc, api.xdr_mc]).toEqual([conflict.csvParty, conflict.apiParty]);
      expect(conflict.csvParty).not.toBe(conflict.apiParty);
      expect(rows.filter((r) => r.cf_cfjg === row.cf_cfjg && normalizeDecisionNumber(r.cf_wsh) === conflict.decisionNumber)).toHaveLength(1);
    }
  });

  it('writes the export by hand: 法人及非法人组织, half-width brackets, 万元 strings; defects carried over', () => {
    expect(rows.some((row) => row.xdr_lb === '法人及非法人组织')).toBe(true);
    expect(rows.some((row) => row.xdr_lb === '法人' || row.xdr_lb === '非法人组织')).toBe(false);
    expect(rows.some((row) => /\(\d{4}\)/u.test(row.cf_wsh))).toBe(true);
    expect(rows.some((row) => String(row.cf_fk).endsWith('万元'))).toBe(true);
    for (const [serial, kind] of defective) expect(generated.defective.get(caseOf.get(serial)!)).toBe(kind);
  });
});
