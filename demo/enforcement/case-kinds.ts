/**
 * The cases the demo authorities decide: each cites an article, and the fine it imposes
 * lies inside that article's statutory range. The range's wording is kept beside it as
 * data (`source`), so a reviewer can check it against the law without reading code.
 */
import type { EnforcerKind } from './authorities.js';

/** 行政相对人类别 as the case system writes it (the CSV export folds 法人 and 非法人组织). */
export type DemoPartyKind = '法人' | '非法人组织' | '自然人' | '个体工商户';

/** 处罚类别 of the national code list (行政处罚法 第九条). */
export type PenaltyType = '警告' | '通报批评' | '罚款' | '没收违法所得' | '没收非法财物' | '暂扣许可证件' | '吊销许可证件' | '责令停产停业';

/** A statutory fine range in yuan, with the words of the law that set it. */
export interface FineRange {
  readonly minYuan: number;
  readonly maxYuan: number;
  /** The law, its version and the clause, quoted: where the range comes from. */
  readonly source: string;
}

/** One lawful outcome of a case: its penalty types, and the fine range when 罚款 is one of them. */
export interface Sanction {
  readonly types: readonly PenaltyType[];
  readonly fine?: FineRange;
  /** 没收违法所得 / 没收非法财物 amount range in yuan (the standard's CF_NR_WFFF), when either is imposed. */
  readonly confiscatedYuan?: readonly [number, number];
  /** Relative share among the case's sanctions. */
  readonly weight: number;
}

export interface DemoCaseKind {
  readonly title: string;
  /** 违法行为类型 (CF_WFXW). */
  readonly violationType: string;
  /** 违法事实 (CF_SY) variants, after "经查，". */
  readonly facts: readonly string[];
  /** 处罚依据 (CF_YJ): the article that sets the penalty. */
  readonly legalBasis: string;
  readonly enforcer: EnforcerKind;
  readonly parties: readonly DemoPartyKind[];
  readonly sanctions: readonly Sanction[];
  /** Relative share of the city's cases. */
  readonly weight: number;
}

const FOOD_122: FineRange = {
  minYuan: 50_000,
  maxYuan: 100_000,
  source: '《中华人民共和国食品安全法》（2021年修正）第一百二十二条第一款：……违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款',
};
const FOOD_124: FineRange = {
  minYuan: 50_000,
  maxYuan: 100_000,
  source: '《中华人民共和国食品安全法》（2021年修正）第一百二十四条第一款：……违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款',
};
const FOOD_126: FineRange = {
  minYuan: 5_000,
  maxYuan: 50_000,
  source: '《中华人民共和国食品安全法》（2021年修正）第一百二十六条第一款：……责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款',
};

export const CASE_KINDS: readonly DemoCaseKind[] = [
  {
    title: '经营超过保质期食品案',
    violationType: '经营超过保质期的食品',
    facts: [
      '当事人在经营场所货架上陈列销售超过保质期的预包装食品，货值金额不足一万元，案发后已全部下架。',
      '当事人仓库内存放待售的超过保质期的饮料、糕点，货值金额较小。',
    ],
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项',
    enforcer: 'market-regulation',
    parties: ['法人', '非法人组织', '个体工商户'],
    sanctions: [
      { types: ['没收违法所得', '罚款'], fine: FOOD_124, confiscatedYuan: [120, 6000], weight: 8 },
      { types: ['罚款'], fine: FOOD_124, weight: 3 },
      { types: ['没收违法所得', '罚款', '吊销许可证件'], fine: FOOD_124, confiscatedYuan: [2000, 9000], weight: 1 },
    ],
    weight: 12,
  },
  {
    title: '未取得食品经营许可从事食品经营案',
    violationType: '未取得食品经营许可从事食品经营活动',
    facts: [
      '当事人未取得食品经营许可，擅自在经营场所从事熟食制售活动，货值金额不足一万元。',
      '当事人未取得食品经营许可，通过网络平台销售自制糕点，货值金额不足一万元。',
    ],
    legalBasis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    enforcer: 'market-regulation',
    parties: ['个体工商户', '自然人'],
    sanctions: [{ types: ['没收违法所得', '罚款'], fine: FOOD_122, confiscatedYuan: [300, 8000], weight: 1 }],
    weight: 9,
  },
  {
    title: '未按规定建立并遵守进货查验记录制度案',
    violationType: '食品经营者未按规定建立并遵守进货查验记录制度',
    facts: ['当事人进货时未查验供货者的许可证和食品出厂检验合格证，未建立进货查验记录。', '当事人采购冷冻肉品未索取检验检疫证明，未如实记录进货信息。'],
    legalBasis: '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项',
    enforcer: 'market-regulation',
    parties: ['法人', '非法人组织', '个体工商户'],
    sanctions: [
      { types: ['警告'], weight: 6 },
      { types: ['罚款'], fine: FOOD_126, weight: 4 },
    ],
    weight: 12,
  },
  {
    title: '使用未经定期检验的特种设备案',
    violationType: '使用未经检验的特种设备',
    facts: ['当事人使用的乘客电梯超过定期检验有效期仍继续使用。', '当事人使用的叉车未经定期检验即投入厂内作业。'],
    legalBasis: '《中华人民共和国特种设备安全法》第八十四条第（一）项',
    enforcer: 'market-regulation',
    parties: ['法人', '非法人组织'],
    sanctions: [
      {
        types: ['罚款'],
        fine: {
          minYuan: 30_000,
          maxYuan: 300_000,
          source:
            '《中华人民共和国特种设备安全法》第八十四条：特种设备使用单位有下列行为之一的，责令停止使用有关特种设备，处三万元以上三十万元以下罚款：（一）使用未取得许可生产，未经检验或者检验不合格的特种设备……',
        },
        weight: 1,
      },
    ],
    weight: 7,
  },
  {
    title: '销售侵犯注册商标专用权商品案',
    violationType: '销售侵犯注册商标专用权的商品',
    facts: ['当事人销售侵犯他人注册商标专用权的黄酒，违法经营额不足五万元。', '当事人在轻纺城市场销售侵犯他人注册商标专用权的面料，违法经营额不足五万元。'],
    legalBasis: '《中华人民共和国商标法》第六十条第二款',
    enforcer: 'market-regulation',
    parties: ['法人', '个体工商户', '自然人'],
    sanctions: [
      {
        types: ['没收非法财物', '罚款'],
        fine: {
          minYuan: 1_000,
          maxYuan: 250_000,
          source: '《中华人民共和国商标法》（2019年修正）第六十条第二款：……没有违法经营额或者违法经营额不足五万元的，可以处二十五万元以下的罚款',
        },
        confiscatedYuan: [800, 40_000],
        weight: 1,
      },
    ],
    weight: 8,
  },
  {
    title: '未经设立登记从事经营活动案',
    violationType: '未经设立登记从事经营活动',
    facts: ['当事人未依法办理登记，擅自在租赁场所从事服装加工经营活动。', '当事人未依法办理登记，擅自从事二手电动车销售。'],
    legalBasis: '《中华人民共和国市场主体登记管理条例》第四十三条',
    enforcer: 'market-regulation',
    parties: ['自然人'],
    sanctions: [
      { types: ['没收违法所得'], confiscatedYuan: [300, 9000], weight: 6 },
      {
        types: ['没收违法所得', '罚款'],
        fine: {
          minYuan: 10_000,
          maxYuan: 100_000,
          source:
            '《中华人民共和国市场主体登记管理条例》第四十三条：未经设立登记从事经营活动的，由登记机关责令改正，没收违法所得；拒不改正的，处1万元以上10万元以下的罚款',
        },
        confiscatedYuan: [500, 9000],
        weight: 4,
      },
    ],
    weight: 6,
  },
  {
    title: '不按规定明码标价案',
    violationType: '经营者违反明码标价规定',
    facts: ['当事人销售的散装食品未标明价格。', '当事人提供洗车服务未按规定公示收费标准。'],
    legalBasis: '《中华人民共和国价格法》第四十二条，《价格违法行为行政处罚规定》第十三条第（一）项',
    enforcer: 'market-regulation',
    parties: ['个体工商户', '法人', '非法人组织'],
    sanctions: [
      {
        types: ['罚款'],
        fine: {
          minYuan: 500,
          maxYuan: 5_000,
          source: '《中华人民共和国价格法》第四十二条：经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款',
        },
        weight: 1,
      },
    ],
    weight: 6,
  },
  {
    title: '餐饮油烟超标排放案',
    violationType: '排放油烟的餐饮服务业经营者未正常使用油烟净化设施超标排放油烟',
    facts: ['当事人经营的餐饮店未正常使用油烟净化设施，经检测油烟排放浓度超过排放标准。', '当事人未安装油烟净化设施，油烟直排影响周边居民。'],
    legalBasis: '《中华人民共和国大气污染防治法》第一百一十八条第一款',
    enforcer: 'urban-management',
    parties: ['个体工商户', '法人'],
    sanctions: [
      {
        types: ['罚款'],
        fine: {
          minYuan: 5_000,
          maxYuan: 50_000,
          source: '《中华人民共和国大气污染防治法》（2018年修正）第一百一十八条第一款：……责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治',
        },
        weight: 1,
      },
    ],
    weight: 6,
  },
  {
    title: '施工工地未采取扬尘污染防治措施案',
    violationType: '施工单位未采取有效扬尘防治措施',
    facts: ['当事人承建的工地施工现场未设置硬质围挡，裸露土方未覆盖。', '当事人承建的工地运输车辆未冲洗即驶出工地，道路扬尘明显。'],
    legalBasis: '《中华人民共和国大气污染防治法》第一百一十五条第一款',
    enforcer: 'urban-management',
    parties: ['法人', '非法人组织'],
    sanctions: [
      {
        types: ['罚款'],
        fine: {
          minYuan: 10_000,
          maxYuan: 100_000,
          source:
            '《中华人民共和国大气污染防治法》（2018年修正）第一百一十五条第一款：……施工单位有下列行为之一的……责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治',
        },
        weight: 1,
      },
    ],
    weight: 5,
  },
  {
    title: '在禁止区域露天烧烤食品案',
    violationType: '在当地人民政府禁止的区域内露天烧烤食品',
    facts: ['当事人在禁止露天烧烤的区域内设摊露天烧烤食品。'],
    legalBasis: '《中华人民共和国大气污染防治法》第一百一十八条第三款',
    enforcer: 'urban-management',
    parties: ['自然人', '个体工商户'],
    sanctions: [
      {
        types: ['没收非法财物', '没收违法所得', '罚款'],
        fine: {
          minYuan: 500,
          maxYuan: 20_000,
          source: '《中华人民共和国大气污染防治法》（2018年修正）第一百一十八条第三款：……责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款',
        },
        confiscatedYuan: [100, 2000],
        weight: 1,
      },
    ],
    weight: 4,
  },
  {
    title: '未取得排污许可证排放污染物案',
    violationType: '未取得排污许可证排放污染物',
    facts: ['当事人印染生产线未取得排污许可证即投入生产并排放废水。', '当事人新增涂装工序未重新申请取得排污许可证排放废气。'],
    legalBasis: '《排污许可管理条例》第三十三条第（一）项',
    enforcer: 'ecology-environment',
    parties: ['法人'],
    sanctions: [
      {
        types: ['罚款'],
        fine: {
          minYuan: 200_000,
          maxYuan: 1_000_000,
          source:
            '《排污许可管理条例》（国务院令第736号）第三十三条：……责令改正或者限制生产、停产整治，处20万元以上100万元以下的罚款：（一）未取得排污许可证排放污染物……',
        },
        weight: 4,
      },
      {
        types: ['罚款', '责令停产停业'],
        fine: {
          minYuan: 200_000,
          maxYuan: 1_000_000,
          source: '《排污许可管理条例》（国务院令第736号）第三十三条：……责令改正或者限制生产、停产整治，处20万元以上100万元以下的罚款……',
        },
        weight: 1,
      },
    ],
    weight: 3,
  },
  {
    title: '未按规定开展自行监测并保存原始监测记录案',
    violationType: '未按照规定对所排放的水污染物自行监测并保存原始监测记录',
    facts: ['当事人未按照排污许可证规定对废水总排口开展自行监测，未保存原始监测记录。'],
    legalBasis: '《中华人民共和国水污染防治法》第八十二条第（二）项',
    enforcer: 'ecology-environment',
    parties: ['法人', '非法人组织'],
    sanctions: [
      {
        types: ['罚款'],
        fine: {
          minYuan: 20_000,
          maxYuan: 200_000,
          source:
            '《中华人民共和国水污染防治法》（2017年修正）第八十二条：……责令限期改正，处二万元以上二十万元以下的罚款……（二）未按照规定对所排放的水污染物自行监测，或者未保存原始监测记录的',
        },
        weight: 1,
      },
    ],
    weight: 3,
  },
];
