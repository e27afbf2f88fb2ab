import { describe, expect, it } from 'vitest';
import { personalNumbersIn } from '../../../../src/publish/gate/index.js';
import { cardNumber, creditCode, idNumber } from '../../../support/graded-record-type.js';

const ID = idNumber('330602', '19850612');
const kinds = (text: string, options?: Parameters<typeof personalNumbersIn>[1]) => personalNumbersIn(text, options).map((f) => f.kind);

describe('personal numbers in a cell', () => {
  it('finds a valid identity number alone or inside text, and reports it masked', () => {
    expect(personalNumbersIn(ID)).toEqual([{ kind: 'id-number', masked: `3306**********${ID.slice(-4)}` }]);
    expect(kinds(`当事人张三（身份证号${ID}）住绍兴市`)).toEqual(['id-number']);
    expect(kinds(`ID${ID}`)).toEqual(['id-number']);
  });

  it('does not take a wrong check digit, an impossible birth date or an unknown region for an identity number', () => {
    const wrongCheck = `${ID.slice(0, 17)}${ID.endsWith('0') ? '1' : '0'}`;
    expect(kinds(wrongCheck).filter((k) => k === 'id-number')).toEqual([]);
    expect(kinds(idNumber('330602', '19851332'))).toEqual([]);
    expect(kinds(idNumber('990602', '19850612'))).toEqual([]);
  });

  it('finds an unmasked mainland mobile, not a masked one, not a digit run that is longer', () => {
    expect(kinds('联系电话13800138000')).toEqual(['mobile']);
    expect(kinds('+86 138 0013 8000')).toEqual(['mobile']);
    expect(kinds('138****8000')).toEqual([]);
    expect(kinds('12800138000')).toEqual([]);
    expect(kinds('2138001380001')).toEqual([]);
  });

  it('finds a Luhn-valid card with a known issuer prefix, printed bare or in groups', () => {
    const card = cardNumber('622202', 19);
    expect(kinds(`账号${card}`)).toEqual(['bank-card']);
    expect(kinds(cardNumber('4', 16).replace(/(\d{4})(?=\d)/g, '$1 '))).toEqual(['bank-card']);
    // Luhn-valid but no card issuer starts with 9 or 1: a serial, not a card.
    expect(kinds(cardNumber('9', 16))).toEqual([]);
    expect(kinds(`${card.slice(0, -1)}${(Number(card.slice(-1)) + 1) % 10}`)).toEqual([]);
  });

  it('does not flag a 统一社会信用代码, and skips cards in code columns', () => {
    expect(kinds(creditCode())).toEqual([]);
    expect(kinds(cardNumber('62', 18), { noCards: true })).toEqual([]);
    expect(kinds('13800138000', { noMobiles: true })).toEqual([]);
  });
});
