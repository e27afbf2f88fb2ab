import { describe, expect, it } from 'vitest';
import { IndexNumberAllocator, IndexNumberPattern, organisationCodeOf } from '../../../../src/publish/same-source/index-number.js';

const zhejiang = { pattern: '{issuerCode}/{year}-{serial:5}' };

describe('index number pattern', () => {
  it('formats and reads back 机构代码/年份-流水号', () => {
    const pattern = new IndexNumberPattern(zhejiang.pattern, 'test');
    expect(pattern.format({ issuerCode: '002565221', year: 2026 }, 7)).toBe('002565221/2026-00007');
    expect(pattern.parse('002565221/2026-00123')).toEqual({ issuerCode: '002565221', year: 2026, serial: 123 });
    expect(pattern.parse('ZJ-2026-1')).toBeUndefined();
  });

  it('accepts other forms, the serial unpadded when no width is given', () => {
    const pattern = new IndexNumberPattern('330600-{issuerCode}-{year}-{serial}', 'test');
    expect(pattern.format({ issuerCode: 'SXZF', year: 2025 }, 12)).toBe('330600-SXZF-2025-12');
    expect(pattern.parse('330600-SXZF-2025-12')).toEqual({ issuerCode: 'SXZF', year: 2025, serial: 12 });
  });

  it.each([
    ['{issuerCode}/{year}', /exactly one \{serial\}/],
    ['{issuerCode}/{serial}-{serial:3}', /exactly one/],
    ['{dept}/{year}-{serial:5}', /unknown placeholders \{dept\}/],
  ])('refuses %s, naming the dataset', (pattern, message) => {
    expect(() => new IndexNumberAllocator({ pattern }, 'dataset d')).toThrow(message);
    expect(() => new IndexNumberAllocator({ pattern }, 'dataset d')).toThrow(/dataset d/);
  });

  it('takes the organisation code out of a unified social credit code', () => {
    expect(organisationCodeOf('11330000002482410X')).toBe('002482410');
    expect(organisationCodeOf('not a code')).toBeUndefined();
  });
});

describe('IndexNumberAllocator', () => {
  it('counts serials per issuer and per year', () => {
    const allocator = new IndexNumberAllocator(zhejiang, 'test');
    const city = { issuerCode: '002565221', year: 2026 };
    expect(allocator.assign('doc-a', city)).toBe('002565221/2026-00001');
    expect(allocator.assign('doc-b', city)).toBe('002565221/2026-00002');
    expect(allocator.assign('doc-c', { issuerCode: 'MB1873446', year: 2026 })).toBe('MB1873446/2026-00001');
    expect(allocator.assign('doc-d', { ...city, year: 2025 })).toBe('002565221/2025-00001');
    expect(allocator.assign('doc-e', city)).toBe('002565221/2026-00003');
  });

  it('gives the same record the same number, however often it is asked', () => {
    const allocator = new IndexNumberAllocator(zhejiang, 'test');
    const first = allocator.assign('doc-a', { issuerCode: '002565221', year: 2026 });
    allocator.assign('doc-b', { issuerCode: '002565221', year: 2026 });
    expect(allocator.assign('doc-a', { issuerCode: '002565221', year: 2026 })).toBe(first);
  });

  it('keeps the numbers of the previous release and continues after the highest', () => {
    const previous = [
      { recordKey: 'doc-a', indexNumber: '002565221/2026-00004' },
      { recordKey: 'doc-b', indexNumber: '002565221/2026-00001' },
    ];
    const allocator = new IndexNumberAllocator(zhejiang, 'test', previous);
    const city = { issuerCode: '002565221', year: 2026 };
    expect(allocator.assign('doc-new', city)).toBe('002565221/2026-00005');
    expect(allocator.assign('doc-b', city)).toBe('002565221/2026-00001');
  });

  it('reserves the serial of a number a record carries, and refuses one another record holds', () => {
    const allocator = new IndexNumberAllocator(zhejiang, 'test');
    expect(allocator.claim('doc-a', '002565221/2026-00009')).toBe('002565221/2026-00009');
    expect(allocator.assign('doc-b', { issuerCode: '002565221', year: 2026 })).toBe('002565221/2026-00010');
    expect(() => allocator.claim('doc-c', '002565221/2026-00009')).toThrow(/002565221\/2026-00009 of doc-c is already that of doc-a/);
  });
});

describe('sameSource in the dataset schema', () => {
  it('accepts the rule and issuer codes, refuses a pattern without a serial', async () => {
    const { default: validateDataset } = await import('../../../../src/generated/dataset.validate.js');
    const { documents, gazette } = await import('./fixtures.js');
    expect(validateDataset(documents)).toBe(true);
    expect(validateDataset(gazette)).toBe(true);
    expect(validateDataset({ ...documents, sameSource: { indexNumber: { pattern: '{issuerCode}/{year}' } } })).toBe(false);
    expect(validateDataset({ ...gazette, sameSource: { ...gazette.sameSource, issuerCodes: { 办公室: 'has space' } } })).toBe(false);
  });
});
