/** Words the demo departments build their records from: Shaoxing's districts, firms and people. */

export interface DemoDistrict {
  /** As the source's dq column writes it (and the canonical district enum). */
  readonly name: string;
  readonly divisionCode: string;
  readonly authority: string;
  /** 机关代字 of the authority's penalty decisions. */
  readonly numberPrefix: string;
  /** First 8 characters of the authority's organization code. */
  readonly authorityOrgBase: string;
  /** How firms registered here are named: 绍兴柯桥… or 诸暨市… */
  readonly firmPrefixes: readonly string[];
  readonly towns: readonly string[];
  /** Relative share of the city's cases. */
  readonly weight: number;
}

export const DISTRICTS: readonly DemoDistrict[] = [
  {
    name: '越城区',
    divisionCode: '330602',
    authority: '绍兴市越城区市场监督管理局',
    numberPrefix: '绍越市监罚',
    authorityOrgBase: '00253041',
    firmPrefixes: ['绍兴越城', '绍兴市越城区', '绍兴'],
    towns: ['东浦', '皋埠', '陶堰', '孙端', '富盛', '斗门'],
    weight: 5,
  },
  {
    name: '柯桥区',
    divisionCode: '330603',
    authority: '绍兴市柯桥区市场监督管理局',
    numberPrefix: '绍柯市监罚',
    authorityOrgBase: '00253122',
    firmPrefixes: ['绍兴柯桥', '绍兴市柯桥区', '浙江'],
    towns: ['钱清', '杨汛桥', '齐贤', '安昌', '平水', '兰亭', '福全', '漓渚'],
    weight: 6,
  },
  {
    name: '上虞区',
    divisionCode: '330604',
    authority: '绍兴市上虞区市场监督管理局',
    numberPrefix: '绍虞市监罚',
    authorityOrgBase: '00253203',
    firmPrefixes: ['绍兴上虞', '绍兴市上虞区', '浙江'],
    towns: ['崧厦', '百官', '道墟', '丰惠', '章镇', '小越'],
    weight: 4,
  },
  {
    name: '诸暨市',
    divisionCode: '330681',
    authority: '诸暨市市场监督管理局',
    numberPrefix: '诸市监罚',
    authorityOrgBase: '00252867',
    firmPrefixes: ['诸暨市', '诸暨', '浙江'],
    towns: ['店口', '大唐', '枫桥', '山下湖', '牌头', '次坞'],
    weight: 5,
  },
  {
    name: '嵊州市',
    divisionCode: '330683',
    authority: '嵊州市市场监督管理局',
    numberPrefix: '嵊市监罚',
    authorityOrgBase: '00252948',
    firmPrefixes: ['嵊州市', '嵊州'],
    towns: ['甘霖', '长乐', '崇仁', '黄泽', '三界'],
    weight: 3,
  },
  {
    name: '新昌县',
    divisionCode: '330624',
    authority: '新昌县市场监督管理局',
    numberPrefix: '新市监罚',
    authorityOrgBase: '00252786',
    firmPrefixes: ['新昌县', '新昌'],
    towns: ['澄潭', '七星', '儒岙', '沙溪', '回山'],
    weight: 2,
  },
  {
    name: '绍兴市本级',
    divisionCode: '330600',
    authority: '绍兴市市场监督管理局',
    numberPrefix: '绍市监罚',
    authorityOrgBase: '00252705',
    firmPrefixes: ['绍兴市', '绍兴', '浙江'],
    towns: [],
    weight: 1,
  },
];

/** 字号: the distinctive part of a firm's name. */
export const TRADE_NAMES = [
  '恒盛',
  '永泰',
  '华鑫',
  '金帆',
  '宏达',
  '瑞丰',
  '明辉',
  '天成',
  '鼎新',
  '汇通',
  '嘉禾',
  '越王',
  '古越',
  '兰亭',
  '会稽',
  '鉴湖',
  '稽山',
  '卧龙',
  '东方',
  '新光',
  '海亮',
  '盾安',
  '富润',
  '鸿泰',
  '锦华',
  '盛发',
  '佳利',
  '振兴',
  '德顺',
  '信诚',
] as const;

export const INDUSTRIES = [
  '纺织',
  '印染',
  '黄酒',
  '珍珠',
  '袜业',
  '轴承',
  '建材',
  '餐饮',
  '食品',
  '化纤',
  '机电',
  '五金',
  '服饰',
  '家纺',
  '贸易',
  '茶业',
  '领带',
] as const;

export const SHOP_KINDS = ['副食品店', '小吃店', '面馆', '水果店', '烟酒店', '五金店', '服装店', '便利店', '农资店', '熟食店', '茶叶店', '酒坊'] as const;

export const SURNAMES = [
  '王',
  '陈',
  '张',
  '金',
  '沈',
  '孙',
  '俞',
  '章',
  '楼',
  '钱',
  '鲁',
  '何',
  '傅',
  '宣',
  '李',
  '周',
  '吴',
  '徐',
  '朱',
  '胡',
  '杨',
  '黄',
  '赵',
  '马',
  '谢',
  '蒋',
  '魏',
  '袁',
  '骆',
  '裘',
] as const;

export const GIVEN_NAME_CHARS = [
  '国',
  '建',
  '伟',
  '明',
  '华',
  '芳',
  '丽',
  '军',
  '强',
  '平',
  '萍',
  '杰',
  '勇',
  '霞',
  '燕',
  '红',
  '敏',
  '静',
  '磊',
  '洁',
  '海',
  '涛',
  '斌',
  '琴',
  '波',
  '英',
  '刚',
  '娟',
  '峰',
  '超',
  '越',
  '文',
  '浩',
  '宇',
  '婷',
  '雪',
  '林',
  '春',
  '晓',
  '佳',
] as const;

/** 当前状态 per the national 双公示 code list: 0 正常, 1 撤销, 2 异议, 3 其他. */
export type DemoStatusCode = '0' | '1' | '2' | '3';

/**
 * The share of each code among decisions that are not 正常 (most are): a revocation
 * is the common departure, an objection under review next, 其他 rare.
 */
export const NON_NORMAL_STATUS_WEIGHTS: readonly { readonly code: Exclude<DemoStatusCode, '0'>; readonly upTo: number }[] = [
  { code: '1', upTo: 0.5 },
  { code: '2', upTo: 0.8 },
  { code: '3', upTo: 1 },
];
