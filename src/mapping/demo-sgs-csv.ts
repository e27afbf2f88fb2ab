import { demoEnforcementFieldMap } from './demo-enforcement.js';
import { compileFieldMap, type FieldMap } from './field-map.js';

/**
 * The 双公示 list market regulation drops as a GBK CSV: the national column set under its
 * Chinese headers. Each header names the same field as one of the penalty API's columns,
 * so the rules are the API's, read from the header instead.
 */
export const SGS_CSV_HEADERS: Readonly<Record<string, string>> = {
  id: '序号',
  cf_wsh: '行政处罚决定书文号',
  cf_ajmc: '案件名称',
  xdr_lb: '行政相对人类别',
  xdr_mc: '行政相对人名称',
  xdr_shxym: '统一社会信用代码',
  xdr_zjhm: '证件号码',
  xdr_fddbr: '法定代表人',
  cf_sy: '违法事实',
  cf_yj: '处罚依据',
  cf_cflb: '处罚类别',
  cf_fk: '罚款金额（万元）',
  cf_jdrq: '处罚决定日期',
  cf_cfjg: '处罚机关',
  cf_cfjgdm: '处罚机关统一社会信用代码',
  cf_gsjzqx: '公示截止期',
  cf_zt: '当前状态',
  dq: '地方编码',
  update_time: '数据更新时间',
};

export const demoSgsCsvFieldMap: FieldMap = {
  id: 'demo-sgs-csv',
  version: 1,
  recordType: 'enforcement-decision',
  fields: Object.fromEntries(
    Object.entries(demoEnforcementFieldMap.fields).map(([target, rule]) => [target, 'from' in rule ? { ...rule, from: SGS_CSV_HEADERS[rule.from] ?? rule.from } : rule]),
  ),
};

export const demoSgsCsvMapping = compileFieldMap(demoSgsCsvFieldMap);
