import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SGS_COLUMNS, toSgsRow } from '../../../src/exchange/sgs-profile.js';
import { yuanToWanYuan } from '../../../src/exchange/wan-yuan.js';
import { licence, LICENSE_CODES, penalty, PENALTY_CODES } from '../../support/sgs-examples.js';

describe('yuanToWanYuan', () => {
  it('speaks 万元 to six decimals, exactly', () => {
    expect(yuanToWanYuan(12345.67)).toBe('1.234567');
    expect(yuanToWanYuan(5000)).toBe('0.500000');
    expect(yuanToWanYuan(0.01)).toBe('0.000001');
    expect(yuanToWanYuan(0)).toBe('0.000000');
    expect(yuanToWanYuan(0.1 + 0.2)).toBe('0.000030');
    expect(yuanToWanYuan(123456789012.34)).toBe('12345678.901234');
  });

  it('is the exact inverse of the mapping’s 万元 → 元 for every amount to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        const wan = yuanToWanYuan(fen / 100);
        expect(BigInt(wan.replace('.', ''))).toBe(BigInt(fen));
      }),
    );
  });

  it('refuses what is not an amount to the fen', () => {
    expect(() => yuanToWanYuan(-1)).toThrow(RangeError);
    expect(() => yuanToWanYuan(0.005)).toThrow(/whole number of fen/);
    expect(() => yuanToWanYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('the national columns', () => {
  it('carry every code of the standard’s penalty and licence field lists, and no other', () => {
    expect(SGS_COLUMNS.penalty.map((c) => c.code).sort()).toEqual([...PENALTY_CODES].sort());
    expect(SGS_COLUMNS.license.map((c) => c.code).sort()).toEqual([...LICENSE_CODES].sort());
  });

  it('title the columns as the standard does, per kind', () => {
    const titleOf = (kind: 'penalty' | 'license', code: string) => SGS_COLUMNS[kind].find((c) => c.code === code)?.title;
    expect(titleOf('penalty', 'CF_JDRQ')).toBe('处罚决定日期');
    expect(titleOf('license', 'XK_JDRQ')).toBe('许可决定日期');
    expect(titleOf('penalty', 'CF_CFJG')).toBe('处罚机关');
    expect(titleOf('license', 'XK_XKJG')).toBe('许可机关');
    expect(titleOf('penalty', 'CF_NR_FK')).toBe('罚款金额（万元）');
  });
});

describe('toSgsRow', () => {
  it('writes a penalty in the standard’s codes, code lists and 万元 (golden)', () => {
    expect(toSgsRow(penalty)).toEqual({
      CF_WSH: '绍越市监罚〔2025〕12号',
      CF_XDR_LB: '法人及非法人组织',
      CF_XDR_MC: '绍兴市越城区示例合伙企业',
      CF_XDR_SHXYM: '',
      CF_XDR_GSZC: '',
      CF_XDR_ZZJG: 'MA2BCD12-3',
      CF_XDR_SYDW: '',
      CF_XDR_SHZZ: '',
      CF_XDR_ZJLX: '',
      CF_XDR_ZJHM: '',
      CF_FRDB: '王建华',
      CF_FR_ZJLX: '',
      CF_FR_ZJHM: '',
      CF_WFXW: '销售不符合食品安全标准的食品',
      CF_SY: '经查，当事人销售的预包装食品标签不符合食品安全国家标准。',
      CF_YJ: '《中华人民共和国食品安全法》第一百二十五条',
      CF_CFLB: '警告;罚款;没收违法所得',
      CF_NR: '警告，罚款，没收违法所得',
      CF_NR_FK: '0.500000',
      CF_NR_WFFF: '1.234567',
      CF_NR_ZKDX: '',
      CF_JDRQ: '2025-03-05',
      CF_YXQ: '',
      CF_GSJZQ: '2028-03-05',
      CF_CFJG: '绍兴市越城区市场监督管理局',
      CF_CFJGDM: '11330600MB12345678',
      CF_SJLY: '绍兴市越城区市场监督管理局',
      CF_SJLYDM: '11330600MB12345678',
      BZ: '',
      CF_ZT: '2',
    });
  });

  it('writes a licence in the licence table’s codes, its status as the standard’s code (golden)', () => {
    expect(toSgsRow(licence)).toEqual({
      XK_WSH: '绍越市监食许〔2025〕8号',
      XK_XDR_LB: '自然人',
      XK_XDR_MC: '陈国伟',
      XK_XDR_SHXYM: '',
      XK_XDR_GSZC: '',
      XK_XDR_ZZJG: '',
      XK_XDR_SYDW: '',
      XK_XDR_SHZZ: '',
      XK_XDR_ZJLX: '护照号',
      XK_XDR_ZJHM: '',
      XK_FRDB: '',
      XK_FR_ZJLX: '',
      XK_FR_ZJHM: '',
      XK_XKWS: '食品经营许可决定书',
      XK_XKLB: '普通',
      XK_XKZS: '食品经营许可证',
      XK_XKBH: 'JY13306020012345',
      XK_NR: '预包装食品销售',
      XK_YXQZ: '2025-03-05',
      XK_YXQZI: '2030-03-04',
      XK_ZT: '2',
      XK_JDRQ: '2025-03-05',
      XK_XKJG: '绍兴市越城区市场监督管理局',
      XK_XKJGDM: '11330600MB12345678',
      XK_LYDW: '绍兴市越城区市场监督管理局',
      XK_LYDWDM: '11330600MB12345678',
      BZ: '示例',
    });
  });

  it('never writes an identity number or document type graded L4, and reads a decision without a kind as a penalty', () => {
    const values = Object.values(toSgsRow({ ...penalty, partyType: 'natural-person', partyIdNumber: '330602198506120033' }));
    expect(values.join('|')).not.toMatch(/330602198506120033/);
    const { decisionKind: _kind, ...unstated } = penalty;
    expect(Object.keys(toSgsRow(unstated))).toContain('CF_WSH');
  });
});
