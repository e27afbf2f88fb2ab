import { describe, expect, it } from 'vitest';
import type { NormativeDocument } from '../../../src/records/normative-document.js';
import { isProvisional, lastValidDay, normativeDocumentFindings } from '../../../src/records/normative-document-findings.js';
import { recordTypeNamed } from '../../../src/records/registry.js';

/** A document that keeps every rule: published 2025-03-01, in force 30 days later for 5 years. */
const lawful: NormativeDocument = {
  documentNumber: '绍政办发〔2025〕3号',
  registrationNumber: 'ZJDC01-2025-0003',
  filing: { body: '绍兴市司法局', date: '2025-03-05', number: '绍司备〔2025〕12号' },
  title: '绍兴市人民政府办公室关于优化营商环境的若干意见',
  issuingAuthorities: [{ name: '绍兴市人民政府办公室' }],
  signedDate: '2025-02-25',
  publishedDate: '2025-03-01',
  effectiveDate: '2025-03-31',
  expiryDate: '2030-03-30',
  validity: 'in-force',
  disclosure: 'proactive',
  fullTextUrl: 'https://www.sx.gov.cn/art/2025/3/1/art_1.html',
};
const codes = (doc: NormativeDocument) => normativeDocumentFindings(doc).map((f) => f.code);

describe('normative document findings: the steward sees each broken rule', () => {
  it('finds nothing in a lawful document', () => {
    expect(normativeDocumentFindings(lawful)).toEqual([]);
  });

  it('施行: not earlier than publication plus 30 days, unless the document states why', () => {
    expect(codes({ ...lawful, effectiveDate: '2025-03-30', expiryDate: '2030-03-29' })).toEqual(['effective-too-early']);
    expect(codes({ ...lawful, effectiveDate: '2025-03-31' })).toEqual([]);
    expect(codes({ ...lawful, effectiveDate: '2025-03-01', expiryDate: '2030-02-28', immediateEffectReason: '公布后不立即施行将有碍施行' })).toEqual([]);
    expect(codes({ ...lawful, effectiveDate: undefined })).toContain('effective-date-missing');
  });

  it('validity: at most 5 years, 2 for 暂行 or 试行, and always stated', () => {
    expect(codes({ ...lawful, expiryDate: '2030-03-31' })).toEqual(['validity-too-long']);
    expect(codes({ ...lawful, expiryDate: undefined })).toEqual(['expiry-missing']);
    const provisional = { ...lawful, title: '绍兴市公共数据开放管理暂行办法' };
    expect(codes({ ...provisional, expiryDate: '2027-03-30' })).toEqual([]);
    expect(codes({ ...provisional, expiryDate: '2027-03-31' })).toEqual(['validity-too-long']);
    expect(codes({ ...lawful, expiryDate: '2031-03-30' })).toEqual(['validity-too-long']); // six years
  });

  it('registration and filing: present, complete and in form', () => {
    expect(codes({ ...lawful, registrationNumber: undefined })).toEqual(['registration-number-missing']);
    expect(codes({ ...lawful, registrationNumber: 'ZJ-2025-3' })).toEqual(['registration-number-malformed']);
    expect(codes({ ...lawful, filing: undefined })).toEqual(['filing-missing']);
    const incomplete = normativeDocumentFindings({ ...lawful, filing: { body: '绍兴市司法局' } });
    expect(incomplete).toMatchObject([{ code: 'filing-incomplete', field: '/filing', message: '备案信息缺少备案日期、备案号' }]);
  });

  it('each finding names its field, says it in Chinese and cites its rule', () => {
    const all = normativeDocumentFindings({
      ...lawful,
      registrationNumber: undefined,
      filing: undefined,
      effectiveDate: '2025-03-02',
      expiryDate: '2031-01-01',
    });
    expect(all.map((f) => f.code)).toEqual(['registration-number-missing', 'filing-missing', 'effective-too-early', 'validity-too-long']);
    for (const f of all) {
      expect(f.field).toMatch(/^\/\w+$/);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.source).toBe('《浙江省行政规范性文件管理办法》（浙江省人民政府令第372号）');
    }
    expect(all[2]!.message).toBe('施行日期（2025-03-02）早于公布之日（2025-03-01）起30日（2025-03-31），且文件未载明提前施行的理由');
  });

  it('counts validity to the day before its anniversary', () => {
    expect(lastValidDay('2025-03-01', 5)).toBe('2030-02-28');
    expect(lastValidDay('2024-02-29', 2)).toBe('2026-02-28');
    expect(isProvisional('关于试行公共数据授权运营的通知')).toBe(true);
    expect(isProvisional('关于优化营商环境的若干意见')).toBe(false);
  });
});

describe('a normative document is always 主动公开', () => {
  const type = recordTypeNamed('normative-document');
  it('stores a proactive document, findings or not', () => {
    expect(type.validate({ ...lawful, registrationNumber: undefined }).valid).toBe(true);
  });
  it.each(['on-request', 'not-disclosed'])('rejects one marked %s, saying why', (disclosure) => {
    const result = type.validate({ ...lawful, disclosure });
    expect(result).toMatchObject({ valid: false, errors: [{ path: '/disclosure', keyword: 'normativeDocumentProactive' }] });
  });
});
