import iconv from 'iconv-lite';
import type { DemoPenalty } from '../enforcement/generate.js';

/** A row of the export: the API's columns, with 行政相对人类别 as the export writes it (法人及非法人组织). */
export type SgsCsvRow = Omit<DemoPenalty, 'xdr_lb'> & { xdr_lb: string };

/** The national 双公示 column set under the Chinese headers of the export (sources/demo-sgs-csv.yaml maps them; FIELDS.md). */
export const SGS_CSV_HEADERS: Readonly<Record<keyof SgsCsvRow, string>> = {
  id: '序号',
  cf_wsh: '行政处罚决定书文号',
  cf_ajmc: '案件名称',
  xdr_lb: '行政相对人类别',
  xdr_mc: '行政相对人名称',
  xdr_shxym: '统一社会信用代码',
  xdr_gszc: '工商注册号',
  xdr_zzjg: '组织机构代码',
  xdr_sydw: '事业单位证书号',
  xdr_shzz: '社会组织登记证号',
  xdr_zjlx: '证件类型',
  xdr_zjhm: '证件号码',
  xdr_fddbr: '法定代表人',
  fr_zjlx: '法定代表人证件类型',
  fr_zjhm: '法定代表人证件号码',
  cf_wfxw: '违法行为类型',
  cf_sy: '违法事实',
  cf_yj: '处罚依据',
  cf_cflb: '处罚类别',
  cf_nr: '处罚内容',
  cf_fk: '罚款金额（万元）',
  cf_nr_wfff: '没收违法所得、没收非法财物的金额（万元）',
  cf_nr_zkdx: '暂扣或吊销证照名称及编号',
  cf_jdrq: '处罚决定日期',
  cf_yxq: '处罚有效期',
  cf_gsjzqx: '公示截止期',
  cf_cfjg: '处罚机关',
  cf_cfjgdm: '处罚机关统一社会信用代码',
  cf_sjly: '数据来源单位',
  cf_sjlydm: '数据来源单位统一社会信用代码',
  cf_zt: '当前状态',
  bz: '备注',
  dq: '地方编码',
  update_time: '数据更新时间',
};

const quoted = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The 双公示 list as market regulation exports it: GBK, Chinese headers, CRLF. */
export function sgsCsvBytes(records: readonly SgsCsvRow[]): Uint8Array {
  const fields = Object.keys(SGS_CSV_HEADERS) as (keyof SgsCsvRow)[];
  const lines = [fields.map((f) => SGS_CSV_HEADERS[f]).join(',')];
  for (const record of records) lines.push(fields.map((f) => quoted(String(record[f] ?? ''))).join(','));
  return new Uint8Array(iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
}
