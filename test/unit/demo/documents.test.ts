import { describe, expect, it } from 'vitest';
import { generateDocumentRows, PLANTED_FINDINGS } from '../../../demo/documents/generate.js';
import { ISSUERS } from '../../../demo/documents/issuers.js';
import { isUscc } from '../../../src/records/formats.js';
import { normativeDocumentFindings } from '../../../src/records/normative-document-findings.js';
import type { NormativeDocument } from '../../../src/records/normative-document.js';
import { recordTypeNamed } from '../../../src/records/registry.js';
import { demoMapping } from '../../support/mappings.js';

const { rows, defective, planted } = generateDocumentRows(1000, 21, new Date('2026-06-01T00:00:00+08:00'));
const valid = rows.filter((r) => !defective.has(r.id));
const mapping = await demoMapping('demo-documents');
const type = recordTypeNamed('normative-document');

describe('demo document system: documents an officer would sign', () => {
  it('plants exactly its findings on valid documents, and nothing else is found', () => {
    const found = new Map<number, string[]>();
    for (const row of valid) {
      const result = type.validate(mapping.map(row as unknown as Record<string, unknown>));
      expect(result.valid, JSON.stringify(result)).toBe(true);
      const codes = normativeDocumentFindings(result.valid ? (result.record as NormativeDocument) : ({} as NormativeDocument)).map((f) => f.code);
      if (codes.length > 0) found.set(row.id, codes);
    }
    const expected = new Map([...planted].filter(([id]) => !defective.has(id)).map(([id, code]) => [id, [code as string]]));
    expect(found).toEqual(expected);
    expect(new Set(planted.values())).toEqual(new Set(Object.values(PLANTED_FINDINGS)));
    expect(planted.size).toBe(60); // 3 in every 50 rows
  });

  it('publishes every document proactively but the planted defects', () => {
    for (const row of rows) if (row.gkfs !== '主动公开') expect(defective.get(row.id)).toBe('not-proactive');
  });

  it('keeps lifecycles consistent: expiry always stated, out of force only by expiry or a year on', () => {
    for (const row of valid) {
      const updated = row.updated_at.slice(0, 10);
      expect(row.cwrq <= row.fbrq && row.fbrq <= updated && row.barq >= row.fbrq && row.barq <= updated).toBe(true);
      expect(row.yxx === '失效').toBe(row.sxrq < updated);
      if (row.yxx === '废止' || row.yxx === '已修改') expect(Date.parse(updated) - Date.parse(row.cwrq)).toBeGreaterThanOrEqual(365 * 86_400_000);
    }
    expect(valid.some((r) => r.yxx === '废止')).toBe(true);
    expect(valid.some((r) => r.yxx === '失效')).toBe(true);
  });

  it("numbers each issuer's documents with its own prefix, per year from 1 in signing order, never twice", () => {
    expect(new Set(rows.map((r) => r.wh)).size).toBe(rows.length);
    const byIssuerYear = new Map<string, { signed: string; id: number; serial: number }[]>();
    for (const row of rows) {
      // A planted malformed 文号 keeps its parts: 绍政发2025-3.
      const [, prefix, year, serial] = /^(.+?)(?:〔(\d{4})〕(\d+)号|(?<=\D)(\d{4})-(\d+))$/.exec(row.wh)!.filter((part) => part !== undefined);
      const issuer = ISSUERS.find((i) => i.prefix === prefix)!;
      expect(row.fwjg.startsWith(issuer.name)).toBe(true);
      expect(row.fwjgdm).toBe(issuer.code);
      expect(isUscc(row.fwjgdm) && row.fwjgdm.slice(2, 8) === '330600').toBe(true);
      expect(year).toBe(row.cwrq.slice(0, 4));
      const list = byIssuerYear.get(`${prefix!}${year!}`) ?? [];
      list.push({ signed: row.cwrq, id: row.id, serial: Number(serial) });
      byIssuerYear.set(`${prefix!}${year!}`, list);
    }
    for (const list of byIssuerYear.values()) {
      list.sort((a, b) => (a.signed < b.signed ? -1 : a.signed > b.signed ? 1 : a.id - b.id));
      expect(list.map((d) => d.serial)).toEqual(list.map((_d, i) => i + 1));
    }
    expect(rows.some((r) => /^绍绍/.test(r.wh))).toBe(false);
  });
});
