import type { BodyKind, ShaoxingDivision } from '../shared/shaoxing-bodies.js';

/** What the credit centre's rows are: each kind of record, the body competent to determine it, and its rules. */
export interface CreditKind {
  readonly xxlb: '行政许可' | '行政处罚' | '严重失信主体名单' | '经营异常名录' | '失信被执行人名单' | '表彰奖励';
  readonly weight: number;
  /** The competent body: who determines this kind of record (谁认定、谁修复). */
  readonly body: BodyKind;
  /** Only the city's body determines it (重大税收违法失信主体 by the city's tax bureau). */
  readonly cityOnly?: boolean;
  readonly content: string;
  /** 'penalty': 轻微/一般/严重 by the case; a list's severity is fixed. */
  readonly severity: 'penalty' | '一般' | '严重' | null;
  readonly listType: 'abnormal-operation' | 'market-serious-violation' | 'major-tax-violation' | 'wage-arrears' | 'work-safety' | 'judgment-defaulter' | null;
  /** Natural persons can be its subject. */
  readonly persons: boolean;
  /** The 文号 of its decision in a division, year and serial. */
  readonly number: (division: ShaoxingDivision, year: string, serial: number) => string;
}

const documentNumber = (prefix: string) => (division: ShaoxingDivision, year: string, serial: number) =>
  `绍${division.abbreviation === '市' ? '市' : division.abbreviation}${prefix}〔${year}〕${serial}号`;

export const CREDIT_KINDS: readonly CreditKind[] = [
  {
    xxlb: '行政许可',
    weight: 5,
    body: 'market',
    content: '准予行政许可：食品经营许可证（新办）',
    severity: null,
    listType: null,
    persons: false,
    number: documentNumber('市监许'),
  },
  {
    xxlb: '行政处罚',
    weight: 2,
    body: 'market',
    content: '因发布虚假广告违反《中华人民共和国广告法》，被处以罚款',
    severity: 'penalty',
    listType: null,
    persons: true,
    number: documentNumber('市监罚'),
  },
  {
    xxlb: '行政处罚',
    weight: 1,
    body: 'environment',
    cityOnly: true,
    content: '因超标排放水污染物违反《中华人民共和国水污染防治法》，被处以罚款',
    severity: 'penalty',
    listType: null,
    persons: false,
    number: (_division, year, serial) => `绍环罚〔${year}〕${serial}号`,
  },
  {
    xxlb: '行政处罚',
    weight: 1,
    body: 'emergency',
    content: '因未按规定对从业人员进行安全生产教育和培训，被处以罚款',
    severity: 'penalty',
    listType: null,
    persons: false,
    number: documentNumber('应急罚'),
  },
  {
    xxlb: '行政处罚',
    weight: 1,
    body: 'tax',
    content: '因未按照规定期限办理纳税申报，被处以罚款',
    severity: 'penalty',
    listType: null,
    persons: true,
    number: documentNumber('税罚'),
  },
  {
    xxlb: '经营异常名录',
    weight: 2,
    body: 'market',
    content: '未按规定期限公示年度报告，列入经营异常名录',
    severity: '一般',
    listType: 'abnormal-operation',
    persons: false,
    number: documentNumber('市监异'),
  },
  {
    xxlb: '严重失信主体名单',
    weight: 0.4,
    body: 'market',
    content: '提交虚假材料取得市场主体登记，列入市场监督管理严重违法失信名单',
    severity: '严重',
    listType: 'market-serious-violation',
    persons: false,
    number: documentNumber('市监信'),
  },
  {
    xxlb: '严重失信主体名单',
    weight: 0.3,
    body: 'tax',
    cityOnly: true,
    content: '虚开增值税专用发票，确定为重大税收违法失信主体',
    severity: '严重',
    listType: 'major-tax-violation',
    persons: false,
    number: (_division, year, serial) => `绍税稽罚〔${year}〕${serial}号`,
  },
  {
    xxlb: '严重失信主体名单',
    weight: 0.3,
    body: 'human-resources',
    content: '克扣、无故拖欠农民工工资数额较大，列入拖欠农民工工资失信联合惩戒对象名单',
    severity: '严重',
    listType: 'wage-arrears',
    persons: false,
    number: documentNumber('人社惩'),
  },
  {
    xxlb: '严重失信主体名单',
    weight: 0.2,
    body: 'emergency',
    content: '发生较大生产安全事故负有责任，列入安全生产严重失信主体名单',
    severity: '严重',
    listType: 'work-safety',
    persons: false,
    number: documentNumber('应急信'),
  },
  {
    xxlb: '失信被执行人名单',
    weight: 0.8,
    body: 'court',
    content: '有履行能力而拒不履行生效法律文书确定的义务，纳入失信被执行人名单',
    severity: null,
    listType: 'judgment-defaulter',
    persons: true,
    number: (division, year, serial) => `（${year}）${division.courtCode}执${serial}号`,
  },
  {
    xxlb: '表彰奖励',
    weight: 1,
    body: 'market',
    cityOnly: true,
    content: '获评绍兴市守合同重信用企业',
    severity: null,
    listType: null,
    persons: false,
    number: () => '',
  },
];

/** The shortest period before repair may end publicity, and the longest, in months (datasets/credit-records.yaml). */
export function creditWindowMonths(severity: '轻微' | '一般' | '严重' | null, listType: CreditKind['listType']): { min: number; max: number } | undefined {
  if (listType === 'judgment-defaulter') return undefined;
  if (listType && listType !== 'abnormal-operation') return { min: 12, max: 36 };
  if (severity === '轻微') return { min: 0, max: 3 };
  if (severity === '一般') return { min: 3, max: 12 };
  if (severity === '严重') return { min: 12, max: 36 };
  return undefined;
}

/** How the credit centre's table names each list (名单类型). */
export const LIST_NAMES: Readonly<Record<NonNullable<CreditKind['listType']>, string>> = {
  'abnormal-operation': '经营异常名录',
  'market-serious-violation': '市场监督管理严重违法失信名单',
  'major-tax-violation': '重大税收违法失信主体',
  'wage-arrears': '拖欠农民工工资失信联合惩戒对象名单',
  'work-safety': '安全生产严重失信主体名单',
  'judgment-defaulter': '失信被执行人名单',
};
