import { describe, expect, it } from 'vitest';
import { addressToDistrict, ageBand, idNumberToAgeBandDistrict, maskMobileNumber, surnameOnly } from '../../../src/grading/masking/rules.js';
import { idNumber } from '../../support/graded-record-type.js';

describe('masking rules of the standard profile', () => {
  it('keeps the surname of a name and one star, compound surnames whole', () => {
    expect(surnameOnly('张三')).toBe('张*');
    expect(surnameOnly('张三丰')).toBe('张*');
    expect(surnameOnly('欧阳娜娜')).toBe('欧阳*');
    expect(surnameOnly('司马光')).toBe('司马*');
    expect(surnameOnly(' 王五 ')).toBe('王*');
    expect(surnameOnly('')).toBeUndefined();
  });

  it('masks the middle four digits of a mobile, 138****8000', () => {
    expect(maskMobileNumber('13800138000')).toBe('138****8000');
    expect(maskMobileNumber('+86 138-0013-8000')).toBe('138****8000');
    // A landline keeps only its last four digits.
    expect(maskMobileNumber('0575-88001234')).toBe('****1234');
    expect(maskMobileNumber('12345')).toBeUndefined();
  });

  it('cuts an address to its district or county, or leaves it out', () => {
    expect(addressToDistrict('浙江省绍兴市越城区解放路100号')).toBe('浙江省绍兴市越城区');
    expect(addressToDistrict('绍兴市新昌县城关镇人民路8号')).toBe('绍兴市新昌县');
    expect(addressToDistrict('嵊州市三江街道')).toBe('嵊州市');
    expect(addressToDistrict('解放路100号')).toBeUndefined();
  });

  it('turns an identity number into an age band and the GB/T 2260 district code', () => {
    const id = idNumber('330602', '19900615');
    expect(idNumberToAgeBandDistrict(id, '2025-06-14')).toEqual({ ageBand: '30-39岁', district: '330602' });
    expect(idNumberToAgeBandDistrict(id, '2020-06-14')).toEqual({ ageBand: '20-29岁', district: '330602' });
    expect(idNumberToAgeBandDistrict(id, undefined)).toEqual({ district: '330602' });
    // The legacy 15-digit form: born 19YYMMDD, no check digit.
    expect(idNumberToAgeBandDistrict('330602850101123', '2025-01-01')).toEqual({ ageBand: '40-49岁', district: '330602' });
    // A mistyped check character or a passport number is not an identity number.
    expect(idNumberToAgeBandDistrict(`${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`, '2025-01-01')).toBeUndefined();
    expect(idNumberToAgeBandDistrict('E12345678', '2025-01-01')).toBeUndefined();
    expect(ageBand(85)).toBe('80岁及以上');
    expect(ageBand(7)).toBe('0-9岁');
  });
});
