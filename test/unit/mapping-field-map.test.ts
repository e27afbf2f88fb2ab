import { describe, expect, it } from 'vitest';
import { compileFieldMap, type FieldMap } from '../../src/mapping/field-map.js';
import { MappingError } from '../../src/mapping/mapping-error.js';
import { recordTypeNamed } from '../../src/records/registry.js';
import { demoMapping } from '../support/mappings.js';

/** A property-rights exchange's export, mapped declaratively. */
const exchange: FieldMap = {
  id: 'test-exchange',
  version: 3,
  recordType: 'property-rights-transaction',
  fields: {
    projectNumber: { from: 'xmbh', as: 'upper' },
    projectName: { from: 'xmmc' },
    'transferor.name': { from: 'zrf.mc' },
    'transferor.creditCode': { from: 'zrf.dm', as: 'upper' },
    assetType: { from: 'bdlx', values: { 股权: 'equity', 房产: 'real-estate' } },
    listingPriceYuan: { from: 'gpjg', as: 'yuan', unit: 'wan-yuan' },
    listingStartDate: { from: 'gpqsrq', as: 'date' },
    status: { from: 'zt', values: { '1': 'listed', '9': 'dealt' } },
    exchange: { value: '绍兴市产权交易有限公司' },
  },
};
const mapping = compileFieldMap(exchange);
const row = {
  xmbh: 'sxcq2025-gq-0042',
  xmmc: ' 某公司 20% 股权转让 ',
  zrf: { mc: '绍兴市城市建设投资集团有限公司', dm: '91440300708461136t' },
  bdlx: '股权',
  gpjg: '1,250',
  gpqsrq: '二〇二五年四月一日',
  zt: 1,
};

describe('compiled field maps', () => {
  it('maps nested source fields to nested targets, with converters, code tables and constants', () => {
    const candidate = mapping.map(row);
    expect(candidate).toEqual({
      projectNumber: 'SXCQ2025-GQ-0042',
      projectName: '某公司 20% 股权转让',
      transferor: { name: '绍兴市城市建设投资集团有限公司', creditCode: '91440300708461136T' },
      assetType: 'equity',
      listingPriceYuan: 12_500_000,
      listingStartDate: '2025-04-01',
      status: 'listed',
      exchange: '绍兴市产权交易有限公司',
    });
    expect(recordTypeNamed('property-rights-transaction').validate(candidate).valid).toBe(true);
  });

  it('names the source field behind every target path, nested and in lists', async () => {
    expect(mapping.sourceFieldOf('/transferor/creditCode')).toBe('zrf.dm');
    expect(mapping.sourceFieldOf('/listingPriceYuan')).toBe('gpjg');
    expect(mapping.sourceFieldOf('/exchange')).toBeUndefined();
    expect(mapping.sourceFieldOf('/unknown')).toBeUndefined();
    expect((await demoMapping('demo-enforcement')).sourceFieldOf('/penaltyTypes/1')).toBe('cf_cflb');
  });

  it('passes on what it cannot translate, and leaves out what is blank', () => {
    const candidate = mapping.map({ ...row, bdlx: '船舶', gpjg: '面议', gpqsrq: '  ', zrf: { mc: '某公司' } }) as Record<string, unknown>;
    expect(candidate).toMatchObject({ assetType: '船舶', listingPriceYuan: '面议', transferor: { name: '某公司' } });
    expect(candidate).not.toHaveProperty('listingStartDate');
  });

  it('builds lists of objects, booleans and integers', () => {
    const items = compileFieldMap({
      id: 'items',
      version: 1,
      recordType: 'normative-document',
      fields: { issuingAuthorities: { from: 'fwjg', as: 'list', each: 'name' }, crossProvince: { from: 'kstb', as: 'boolean' }, days: { from: 'sx', as: 'integer' } },
    });
    expect(items.map({ fwjg: '绍兴市人民政府、绍兴市财政局', kstb: '是', sx: '20' })).toEqual({
      issuingAuthorities: [{ name: '绍兴市人民政府' }, { name: '绍兴市财政局' }],
      crossProvince: true,
      days: 20,
    });
    expect(items.map({ kstb: '未知', sx: '20.5' })).toEqual({ crossProvince: '未知', days: '20.5' });
  });

  it('throws a MappingError naming the source field when the item has the wrong shape', () => {
    expect(() => mapping.map({ ...row, zrf: '某公司' })).toThrow(MappingError);
    try {
      mapping.map({ ...row, zrf: '某公司' });
    } catch (error) {
      expect((error as MappingError).sourceField).toBe('zrf.mc');
    }
    expect(() => mapping.map([] as unknown as Record<string, unknown>)).toThrow(/\(item\).*array/);
  });

  it('refuses an inconsistent map when it is compiled, naming the map and the field', () => {
    expect(() => compileFieldMap({ ...exchange, fields: { a: { from: 'x', as: 'nonsense' as never } } })).toThrow(/field map test-exchange: a: unknown converter "nonsense"/);
    expect(() => compileFieldMap({ ...exchange, fields: { a: { from: 'x', each: 'name' } } })).toThrow(/"each" needs as: list/);
    expect(() => compileFieldMap({ ...exchange, version: 0 })).toThrow(/version must be a positive integer/);
  });
});
