/**
 * Field codes of the Yangtze-Delta feed for the tables the 双公示 file does not cover: credit
 * records, property-rights transactions and cross-province service items. No nationally issued
 * code list for these three tables could be grounded (GB/T 39445-2020 names the data elements,
 * not exchange columns), so the codes follow the 双公示 file's own style: a table prefix (XY_
 * 信用, CQ_ 产权, SX_ 事项) and the pinyin initials of the data element's Chinese name, which a
 * receiving platform can map by that name (the schema's label of the field). One row per field;
 * a nested value (转让方, 收费项目, 申请材料) names its members' codes too.
 */
export interface YrdColumn {
  readonly code: string;
  /** The canonical field: a top-level field, or `field.member` for a member of an object field. */
  readonly field: string;
  /** For a list of objects: the code of each member of an item. */
  readonly items?: Readonly<Record<string, string>>;
}

export const CREDIT_COLUMNS: readonly YrdColumn[] = [
  { code: 'XY_XXBH', field: 'recordNumber' }, // 信用信息编号
  { code: 'XY_ZTLB', field: 'subjectType' }, // 信用主体类别
  { code: 'XY_ZTMC', field: 'subjectName' }, // 信用主体名称
  { code: 'XY_TYSHXYDM', field: 'subjectCode' }, // 统一社会信用代码
  { code: 'XY_XXLB', field: 'category' }, // 信息类别
  { code: 'XY_MDLX', field: 'listType' }, // 名单类型
  { code: 'XY_MDXZ', field: 'listKind' }, // 名单性质
  { code: 'XY_RDJGLB', field: 'authorityType' }, // 认定机关类别
  { code: 'XY_SXCD', field: 'severity' }, // 失信程度
  { code: 'XY_JDSWH', field: 'decisionNumber' }, // 相关决定书文号
  { code: 'XY_XXNR', field: 'content' }, // 信息内容
  { code: 'XY_RDJG', field: 'authority' }, // 认定机关
  { code: 'XY_RDJGDM', field: 'authorityCode' }, // 认定机关统一社会信用代码
  { code: 'XY_RDRQ', field: 'decisionDate' }, // 认定日期
  { code: 'XY_GSQSRQ', field: 'publicityStartDate' }, // 公示起始日期
  { code: 'XY_GSJZRQ', field: 'publicityEndDate' }, // 公示截止日期
  { code: 'XY_XFZT', field: 'repairStatus' }, // 信用修复状态
  { code: 'XY_XFRQ', field: 'repairedDate' }, // 信用修复完成日期
];

export const PROPERTY_RIGHTS_COLUMNS: readonly YrdColumn[] = [
  { code: 'CQ_XMBH', field: 'projectNumber' }, // 项目编号
  { code: 'CQ_XMMC', field: 'projectName' }, // 项目名称
  { code: 'CQ_XMLX', field: 'projectType' }, // 项目类型
  { code: 'CQ_ZRFMC', field: 'transferor.name' }, // 转让方名称
  { code: 'CQ_ZRFDM', field: 'transferor.creditCode' }, // 转让方统一社会信用代码
  { code: 'CQ_BDLX', field: 'assetType' }, // 标的类型
  { code: 'CQ_GPJG', field: 'listingPriceYuan' }, // 挂牌价格（万元）
  { code: 'CQ_GPQSRQ', field: 'listingStartDate' }, // 挂牌起始日期
  { code: 'CQ_GPJZRQ', field: 'listingEndDate' }, // 挂牌截止日期
  { code: 'CQ_JYBZJ', field: 'depositYuan' }, // 交易保证金（万元）
  { code: 'CQ_BZJSKYH', field: 'depositBank' }, // 保证金收款银行
  { code: 'CQ_BZJSKZH', field: 'depositAccount' }, // 保证金收款账号
  { code: 'CQ_XMLXR', field: 'contactPerson' }, // 项目联系人
  { code: 'CQ_LXDH', field: 'contactTelephone' }, // 联系电话
  { code: 'CQ_LXSJ', field: 'contactMobile' }, // 联系手机
  { code: 'CQ_JYFS', field: 'transactionMethod' }, // 交易方式
  { code: 'CQ_XMZT', field: 'status' }, // 项目状态
  { code: 'CQ_CJJG', field: 'dealPriceYuan' }, // 成交价格（万元）
  { code: 'CQ_CJRQ', field: 'dealDate' }, // 成交日期
  { code: 'CQ_SRFLX', field: 'transfereeType' }, // 受让方类型
  { code: 'CQ_SRFMC', field: 'transfereeName' }, // 受让方名称
  { code: 'CQ_JYJG', field: 'exchange' }, // 交易机构
];

export const SERVICE_ITEM_COLUMNS: readonly YrdColumn[] = [
  { code: 'SX_SXBM', field: 'itemCode' }, // 事项编码
  { code: 'SX_SXMC', field: 'name' }, // 事项名称
  { code: 'SX_SSBM', field: 'department' }, // 实施部门
  { code: 'SX_SSBMDM', field: 'departmentCode' }, // 实施部门统一社会信用代码
  { code: 'SX_SXLX', field: 'itemType' }, // 事项类型
  { code: 'SX_BLQD', field: 'channels' }, // 办理渠道
  { code: 'SX_FDBJSX', field: 'legalTimeLimitDays' }, // 法定办结时限（工作日）
  { code: 'SX_CNBJSX', field: 'promisedTimeLimitDays' }, // 承诺办结时限（工作日）
  { code: 'SX_SFXM', field: 'fees', items: { name: 'SFXMMC', amountYuan: 'SFBZ', basis: 'SFYJ' } }, // 收费项目：名称、标准（万元）、依据
  { code: 'SX_SQCL', field: 'materials', items: { name: 'CLMC', required: 'SFBX', form: 'CLXS' } }, // 申请材料：名称、是否必需、形式
  { code: 'SX_KSTB', field: 'crossProvince' }, // 是否跨省通办
  { code: 'SX_ZDPCS', field: 'maxVisits' }, // 最多跑几次
  { code: 'SX_WSBLDZ', field: 'onlineUrl' }, // 网上办理地址
];

/** The code table of each Yangtze-Delta entity that is not a decision (decisions speak the 双公示 file). */
export const YRD_COLUMNS: Readonly<Record<string, readonly YrdColumn[]>> = {
  credit: CREDIT_COLUMNS,
  'property-rights': PROPERTY_RIGHTS_COLUMNS,
  'service-item': SERVICE_ITEM_COLUMNS,
};
