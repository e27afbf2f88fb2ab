/**
 * Synthetic release rows shaped like published enforcement decisions (25 columns: Chinese text,
 * codes with Chinese labels, amounts, dates, a list, a nested object), generated one at a time
 * from a seed so a 1,000,000-row benchmark never holds them all.
 */
import type { ReleaseColumn, Row } from '../../src/publish/release-columns.js';

const col = (field: string, title: string, type: ReleaseColumn['type'], labels?: Record<string, string>): ReleaseColumn => ({
  field,
  title,
  titleEn: field,
  description: `${title} / ${field}`,
  type,
  grade: 'L1',
  ...(labels ? { labels } : {}),
});

const KINDS = { penalty: '行政处罚', license: '行政许可' };
const PARTIES = { 'legal-person': '法人及非法人组织', 'natural-person': '自然人', 'individual-business': '个体工商户' };
const PENALTIES = { warning: '警告', fine: '罚款', confiscation: '没收违法所得', suspension: '责令停产停业', revocation: '吊销许可证件' };
const STATUS = { valid: '有效', revoked: '撤销', changed: '变更', objection: '异议' };
const DISTRICTS = { '330602': '越城区', '330603': '柯桥区', '330604': '上虞区', '330624': '新昌县', '330681': '诸暨市', '330683': '嵊州市' };

export const SYNTHETIC_COLUMNS: readonly ReleaseColumn[] = [
  col('decisionNumber', '行政处罚决定书文号', 'string'),
  col('decisionKind', '决定类别', 'string', KINDS),
  col('partyType', '行政相对人类别', 'string', PARTIES),
  col('partyName', '行政相对人名称', 'string'),
  col('creditCode', '统一社会信用代码', 'string'),
  col('legalRepresentative', '法定代表人', 'string'),
  col('caseName', '案件名称', 'string'),
  col('violationFacts', '违法事实', 'string'),
  col('legalBasis', '处罚依据', 'string'),
  col('penaltyTypes', '处罚类别', 'string-list', PENALTIES),
  col('penaltyContent', '处罚内容', 'string'),
  col('fineAmount', '罚款金额（万元）', 'decimal'),
  col('confiscatedAmount', '没收违法所得金额（万元）', 'decimal'),
  col('decisionDate', '处罚决定日期', 'date'),
  col('publicityDeadline', '公示截止期', 'date'),
  col('authority', '处罚机关', 'string'),
  col('authorityCode', '处罚机关统一社会信用代码', 'string'),
  col('dataSource', '数据来源单位', 'string'),
  col('status', '当前状态', 'string', STATUS),
  col('district', '所属区县', 'string', DISTRICTS),
  col('sourceUpdatedAt', '数据更新时间戳', 'date-time'),
  col('caseCount', '涉案次数', 'integer'),
  col('remarks', '备注', 'string'),
  col('serious', '是否严重失信', 'boolean'),
  col('procedure', '办理程序', 'object'),
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const TRADES = ['餐饮管理', '建材贸易', '机械制造', '纺织印染', '物流运输', '食品销售', '医药零售', '建筑工程', '电子科技', '文化传媒'];
const FACTS = [
  '经查，当事人在经营场所销售超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定',
  '当事人未取得排污许可证排放大气污染物，且未按规定设置排污口标志',
  '当事人在未经消防验收的场所从事经营活动，存在"严重"火灾隐患',
  '当事人发布的广告中含有虚假内容，欺骗、误导消费者，涉案广告费用共计若干元',
];

/** A small, fast, seeded PRNG (mulberry32), so every run writes the same rows. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `count` rows, produced lazily. */
export function* syntheticDecisions(count: number, seed = 20261201): Generator<Row> {
  const next = random(seed);
  const districts = Object.keys(DISTRICTS);
  const penalties = Object.keys(PENALTIES);
  for (let i = 0; i < count; i++) {
    const person = next() < 0.3;
    const surname = pick(next, [...SURNAMES]);
    const day = Math.floor(next() * 1500);
    const decided = new Date(Date.UTC(2021, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const deadline = new Date(Date.UTC(2021, 0, 1) + (day + 1095) * 86_400_000).toISOString().slice(0, 10);
    const fine = Math.floor(next() * 5_000_000) / 100;
    const types = penalties.filter(() => next() < 0.35);
    const roll = next();
    yield {
      decisionNumber: `绍市监罚〔${2021 + Math.floor(day / 365)}〕${i + 1}号`,
      decisionKind: next() < 0.8 ? 'penalty' : 'license',
      partyType: person ? 'natural-person' : next() < 0.7 ? 'legal-person' : 'individual-business',
      partyName: person ? `${surname}*` : `绍兴市${pick(next, TRADES)}有限公司第${pad(i, 7)}分公司`,
      creditCode: person ? undefined : `91330600MA${pad(i, 8)}`,
      legalRepresentative: person ? undefined : `${surname}*`,
      caseName: `${person ? `${surname}*` : '某公司'}${pick(next, TRADES)}违法案`,
      violationFacts: pick(next, FACTS),
      legalBasis: '《中华人民共和国行政处罚法》第二十八条, 《浙江省市场监督管理条例》第五十二条',
      penaltyTypes: types.length > 0 ? types : ['warning'],
      penaltyContent: `罚款${fine.toFixed(2)}元`,
      fineAmount: fine,
      confiscatedAmount: roll < 0.2 ? Math.floor(next() * 100_000) / 100 : undefined,
      decisionDate: decided,
      publicityDeadline: deadline,
      authority: `绍兴市${pick(next, ['市场监督管理局', '生态环境局', '消防救援支队', '综合行政执法局'])}`,
      authorityCode: `11330600MB${pad(i % 1000, 8)}`,
      dataSource: '绍兴市市场监督管理局',
      status: roll < 0.9 ? 'valid' : roll < 0.95 ? 'changed' : 'revoked',
      district: pick(next, districts),
      sourceUpdatedAt: `${decided}T0${Math.floor(next() * 10)}:${pad(Math.floor(next() * 60), 2)}:00+08:00`,
      caseCount: 1 + Math.floor(next() * 3),
      // Some remarks start like a formula, as pasted text sometimes does.
      remarks: roll < 0.5 ? undefined : roll < 0.52 ? `=HYPERLINK("http://x/${i}")` : roll < 0.54 ? '-已整改' : `已于${decided}履行完毕`,
      serious: next() < 0.05,
      procedure: { hearing: next() < 0.1, steps: ['立案', '调查', '告知', '决定'] },
    };
  }
}
