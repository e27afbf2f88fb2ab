/** Words the demo department builds its records from: Shaoxing's districts, firms, people and cases. */

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

export type DemoPartyKind = '法人及非法人组织' | '自然人' | '个体工商户';

/** One kind of case the department handles, with the law it cites. */
export interface DemoCaseKind {
  readonly title: string;
  readonly facts: string;
  readonly legalBasis: string;
  readonly penaltyTypes: readonly string[];
  /** Fine range in yuan, when the penalty includes 罚款. */
  readonly fineYuan?: readonly [number, number];
  readonly parties: readonly DemoPartyKind[];
}

export const CASE_KINDS: readonly DemoCaseKind[] = [
  {
    title: '经营超过保质期食品案',
    facts: '当事人经营超过保质期的预包装食品，货值金额较小，案发后已全部下架销毁。',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    penaltyTypes: ['罚款', '没收违法所得'],
    fineYuan: [5000, 50000],
    parties: ['法人及非法人组织', '个体工商户'],
  },
  {
    title: '未取得食品经营许可从事食品经营案',
    facts: '当事人未取得食品经营许可，擅自在经营场所从事食品销售活动。',
    legalBasis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    penaltyTypes: ['没收违法所得', '罚款'],
    fineYuan: [5000, 100000],
    parties: ['个体工商户', '自然人'],
  },
  {
    title: '销售纤维含量不合格纺织品案',
    facts: '经抽样检验，当事人销售的纺织面料纤维含量项目不符合国家标准，判定为不合格。',
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
    penaltyTypes: ['没收非法财物', '罚款', '没收违法所得'],
    fineYuan: [10000, 200000],
    parties: ['法人及非法人组织'],
  },
  {
    title: '发布虚假广告案',
    facts: '当事人在其微信公众号发布含有虚假或者引人误解内容的商品广告。',
    legalBasis: '《中华人民共和国广告法》第五十五条第一款',
    penaltyTypes: ['罚款'],
    fineYuan: [20000, 300000],
    parties: ['法人及非法人组织', '个体工商户'],
  },
  {
    title: '不明码标价案',
    facts: '当事人销售商品未按规定明码标价。',
    legalBasis: '《中华人民共和国价格法》第四十二条，《明码标价和禁止价格欺诈规定》第二十一条',
    penaltyTypes: ['警告'],
    parties: ['个体工商户', '法人及非法人组织'],
  },
  {
    title: '使用未经检定的计量器具案',
    facts: '当事人在经营活动中使用未经检定的电子计价秤。',
    legalBasis: '《中华人民共和国计量法实施细则》第四十三条',
    penaltyTypes: ['警告', '罚款'],
    fineYuan: [200, 1000],
    parties: ['个体工商户', '自然人'],
  },
  {
    title: '使用未经定期检验的特种设备案',
    facts: '当事人使用的电梯、叉车等特种设备超过定期检验有效期仍继续使用。',
    legalBasis: '《中华人民共和国特种设备安全法》第八十四条第一项',
    penaltyTypes: ['罚款'],
    fineYuan: [30000, 300000],
    parties: ['法人及非法人组织'],
  },
  {
    title: '销售侵犯注册商标专用权商品案',
    facts: '当事人销售侵犯他人注册商标专用权的黄酒、服装等商品。',
    legalBasis: '《中华人民共和国商标法》第六十条第二款',
    penaltyTypes: ['没收非法财物', '罚款'],
    fineYuan: [3000, 150000],
    parties: ['法人及非法人组织', '个体工商户', '自然人'],
  },
  {
    title: '未经设立登记从事经营活动案',
    facts: '当事人未依法办理登记，擅自从事经营活动。',
    legalBasis: '《中华人民共和国市场主体登记管理条例》第四十三条',
    penaltyTypes: ['没收违法所得', '罚款'],
    fineYuan: [1000, 10000],
    parties: ['自然人'],
  },
  {
    title: '虚假宣传案',
    facts: '当事人对其商品的性能、功能、质量作虚假或者引人误解的商业宣传。',
    legalBasis: '《中华人民共和国反不正当竞争法》第二十条第一款',
    penaltyTypes: ['罚款'],
    fineYuan: [100000, 1000000],
    parties: ['法人及非法人组织'],
  },
];

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
