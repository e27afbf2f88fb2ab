import { describe, expect, it } from 'vitest';
import { validateEnforcementDecision } from '../../../src/records/enforcement-decision.js';
import { demoMapping } from '../../support/mappings.js';

const penalties = await demoMapping('demo-enforcement');
const csvDrop = await demoMapping('demo-sgs-csv');
const licences = await demoMapping('demo-licenses');

/** A penalty as the demo API sends it, with the columns of the 2021 standard (FIELDS.md). */
const penaltyRaw = {
  id: '200001',
  cf_wsh: '绍越市监罚[2025]012号',
  cf_ajmc: '',
  xdr_lb: '非法人组织',
  xdr_mc: '绍兴市越城区示例合伙企业',
  xdr_shxym: '',
  xdr_zjlx: '',
  xdr_zjhm: '',
  xdr_gszc: '',
  xdr_zzjg: 'ma2bcd12-3',
  xdr_sydw: '',
  xdr_shzz: '',
  xdr_fddbr: '王建华',
  fr_zjlx: '港澳居民来往内地通行证',
  fr_zjhm: 'h12345678',
  cf_wfxw: '销售不符合食品安全标准的食品',
  cf_sy: '经查，当事人销售的预包装食品标签不符合食品安全国家标准。',
  cf_yj: '《中华人民共和国食品安全法》第一百二十五条',
  cf_cflb: '警告、罚款、没收违法所得',
  cf_nr: '警告，罚款人民币5000元，没收违法所得12345.67元',
  cf_fk: '0.5',
  cf_nr_wfff: '1.234567',
  cf_nr_zkdx: '',
  cf_yxq: '2026-03-05',
  cf_jdrq: '2025-03-05',
  cf_cfjg: '绍兴市越城区市场监督管理局',
  cf_cfjgdm: '11330600mb12345678',
  cf_gsjzqx: '',
  cf_sjly: '绍兴市越城区市场监督管理局',
  cf_sjlydm: '11330600MB12345678',
  cf_zt: '0',
  bz: '',
  dq: '越城区',
  update_time: '2025-03-06 10:15:00',
};

const licenceRaw = {
  id: 'L-300001',
  xk_wsh: '绍越市监食许（2025）8号',
  xk_xkws: '食品经营许可决定书',
  xk_xkzs: '食品经营许可证',
  xk_xkbh: 'JY13306020012345',
  xk_xklb: '普通',
  xk_nr: '预包装食品销售',
  xk_jdrq: '2025-03-05',
  xk_yxqz: '2025-03-05',
  xk_yxqzi: '2030-03-04',
  xk_xkjg: '绍兴市越城区市场监督管理局',
  xk_xkjgdm: '11330600MB12345678',
  xk_zt: '1',
  xk_lydw: '绍兴市越城区市场监督管理局',
  xk_lydwdm: '11330600MB12345678',
  bz: '',
  xdr_lb: '自然人',
  xdr_mc: 'John Smith',
  xdr_shxym: '',
  xdr_zjlx: '护照号',
  xdr_zjhm: 'p12345678',
  xdr_fddbr: '',
  fr_zjlx: '',
  fr_zjhm: '',
  xdr_gszc: '',
  xdr_zzjg: '',
  xdr_sydw: '',
  xdr_shzz: '',
  dq: '越城区',
  update_time: '2025-03-06 10:15:00',
};

describe('the penalty API with the standard’s new columns', () => {
  it('maps 非法人组织, its alternative code, the legal representative’s document, 处罚内容 and the 万元 amounts (golden)', () => {
    const mapped = penalties.map(penaltyRaw);
    expect(mapped).toEqual({
      decisionNumber: '绍越市监罚〔2025〕12号',
      decisionKind: 'penalty',
      partyType: 'unincorporated-organization',
      partyName: '绍兴市越城区示例合伙企业',
      organizationCode: 'MA2BCD12-3',
      legalRepresentative: '王建华',
      legalRepresentativeIdType: 'hk-macao-permit',
      legalRepresentativeIdNumber: 'H12345678',
      violationType: '销售不符合食品安全标准的食品',
      facts: '经查，当事人销售的预包装食品标签不符合食品安全国家标准。',
      legalBasis: '《中华人民共和国食品安全法》第一百二十五条',
      penaltyTypes: ['警告', '罚款', '没收违法所得'],
      penaltyContent: '警告，罚款人民币5000元，没收违法所得12345.67元',
      fineYuan: 5000,
      confiscatedYuan: 12345.67,
      penaltyValidUntil: '2026-03-05',
      decisionDate: '2025-03-05',
      authority: '绍兴市越城区市场监督管理局',
      authorityCode: '11330600MB12345678',
      dataSource: '绍兴市越城区市场监督管理局',
      dataSourceCode: '11330600MB12345678',
      district: '越城区',
      status: 'in-force',
      sourceUpdatedAt: '2025-03-06T10:15:00+08:00',
    });
    expect(validateEnforcementDecision(mapped).valid).toBe(true);
  });

  it('reads the national combined 法人及非法人组织 as a legal person, and an unknown document type as itself for the validator', () => {
    expect(penalties.map({ ...penaltyRaw, xdr_lb: '法人及非法人组织' })).toMatchObject({ partyType: 'legal-person' });
    const result = validateEnforcementDecision(penalties.map({ ...penaltyRaw, xdr_lb: '自然人', xdr_zjlx: '驾驶证', xdr_zjhm: 'X1' }));
    expect(result.valid ? [] : result.errors.map((e) => e.path)).toEqual(['/partyIdType']);
  });
});

describe('the CSV drop under the export’s Chinese headers', () => {
  it('maps the new headers like the API’s columns', () => {
    const mapped = csvDrop.map({
      序号: '1',
      行政处罚决定书文号: '绍越市监罚〔2025〕12号',
      行政相对人类别: '自然人',
      行政相对人名称: '陈国伟',
      证件类型: '台湾居民来往大陆通行证',
      证件号码: '12345678',
      违法行为类型: '无证经营',
      违法事实: '经查，当事人未取得许可从事食品经营。',
      处罚依据: '《中华人民共和国食品安全法》第一百二十二条',
      处罚类别: '没收违法所得,罚款',
      处罚内容: '没收违法所得，罚款',
      '罚款金额（万元）': '5',
      '没收违法所得、没收非法财物的金额（万元）': '0.012',
      处罚决定日期: '2025-03-05',
      处罚机关: '绍兴市越城区市场监督管理局',
      处罚机关统一社会信用代码: '11330600MB12345678',
      数据来源单位: '绍兴市越城区市场监督管理局',
      数据来源单位统一社会信用代码: '11330600MB12345678',
      备注: '无',
      当前状态: '2',
      数据更新时间: '2025-03-06 10:15:00',
    });
    expect(mapped).toMatchObject({
      decisionKind: 'penalty',
      partyIdType: 'taiwan-permit',
      partyIdNumber: '12345678',
      violationType: '无证经营',
      fineYuan: 50000,
      confiscatedYuan: 120,
      remarks: '无',
      status: 'objection',
    });
    expect(validateEnforcementDecision(mapped).valid).toBe(true);
  });
});

describe('the licence API (demo-licenses)', () => {
  it('maps a licence to an enforcement decision of kind license (golden)', () => {
    const mapped = licences.map(licenceRaw);
    expect(mapped).toEqual({
      decisionNumber: '绍越市监食许〔2025〕8号',
      decisionKind: 'license',
      partyType: 'natural-person',
      partyName: 'John Smith',
      partyIdType: 'passport',
      partyIdNumber: 'P12345678',
      licenseDocumentName: '食品经营许可决定书',
      licenseName: '食品经营许可证',
      licenseNumber: 'JY13306020012345',
      licenseCategory: '普通',
      licenseContent: '预包装食品销售',
      decisionDate: '2025-03-05',
      validFrom: '2025-03-05',
      validUntil: '2030-03-04',
      authority: '绍兴市越城区市场监督管理局',
      authorityCode: '11330600MB12345678',
      licenseStatus: 'valid',
      dataSource: '绍兴市越城区市场监督管理局',
      dataSourceCode: '11330600MB12345678',
      district: '越城区',
      sourceUpdatedAt: '2025-03-06T10:15:00+08:00',
    });
    expect(validateEnforcementDecision(mapped).valid).toBe(true);
  });

  it('maps 许可状态 2 to invalid and quarantines a licence without its document name', () => {
    expect(licences.map({ ...licenceRaw, xk_zt: 2 })).toMatchObject({ licenseStatus: 'invalid' });
    const result = validateEnforcementDecision(licences.map({ ...licenceRaw, xk_xkws: '' }));
    expect(result.valid ? [] : result.errors.map((e) => e.path)).toEqual(['/licenseDocumentName']);
  });
});
