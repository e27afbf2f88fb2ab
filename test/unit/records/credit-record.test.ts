import { describe, expect, it } from 'vitest';
import { buildUscc, orgCodeCheckChar } from '../../../demo/enforcement/identifiers.js';
import { recordTypeNamed } from '../../../src/records/registry.js';

const type = recordTypeNamed('credit-record');
const courtListing = {
  recordNumber: 'XY3306020000001',
  subjectType: 'legal-person',
  subjectName: '绍兴某某有限公司',
  subjectCode: buildUscc('9', '1', '330602', `MA2D3K4L${orgCodeCheckChar('MA2D3K4L')}`),
  category: 'judgment-defaulter-list',
  listType: 'judgment-defaulter',
  listKind: 'judicial',
  authorityType: 'people-court',
  content: '有履行能力而拒不履行生效法律文书确定的义务',
  authority: '绍兴市越城区人民法院',
  publicityStartDate: '2026-05-10',
  repairStatus: 'not-applicable',
};

describe('credit record: court lists apart from administrative lists', () => {
  it("accepts a court's 失信被执行人 listing as a judicial list of a people's court", () => {
    expect(type.validate(courtListing)).toMatchObject({ valid: true });
  });

  it.each([
    ['filed as an administrative list', { listKind: 'administrative' }, '/listKind'],
    ['without its list kind', { listKind: undefined }, ''],
    ['determined by an administrative organ', { authorityType: 'administrative-organ' }, '/authorityType'],
  ])('rejects a 失信被执行人 listing %s', (_what, change, path) => {
    const result = type.validate({ ...courtListing, ...change });
    expect(result.valid).toBe(false);
    if (!result.valid && path) expect(result.errors.map((e) => e.path)).toContain(path);
  });

  it("rejects a judicial list whose authority is not a people's court", () => {
    const result = type.validate({ ...courtListing, category: 'serious-dishonesty-list', severity: 'serious', authorityType: 'administrative-organ' });
    expect(result.valid).toBe(false);
  });
});
