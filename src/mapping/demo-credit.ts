import { compileFieldMap, type FieldMap } from './field-map.js';

/** The credit centre's front table (发改委 公共信用信息, pinyin-initial columns) to credit records. */
export const demoCreditFieldMap: FieldMap = {
  id: 'demo-credit',
  version: 1,
  recordType: 'credit-record',
  fields: {
    recordNumber: { from: 'xybm' },
    subjectType: { from: 'ztlx', values: { 法人及非法人组织: 'legal-person', 法人: 'legal-person', 自然人: 'natural-person', 个体工商户: 'individual-business' } },
    subjectName: { from: 'ztmc' },
    subjectCode: { from: 'tyshxydm', as: 'upper' },
    subjectIdNumber: { from: 'sfzh', as: 'upper' },
    category: {
      from: 'xxlb',
      values: { 行政许可: 'administrative-license', 行政处罚: 'administrative-penalty', 严重失信主体名单: 'serious-dishonesty-list', 经营异常名录: 'abnormal-operation', 表彰奖励: 'commendation' },
    },
    severity: { from: 'yzcd', values: { 轻微: 'minor', 一般: 'general', 严重: 'serious' } },
    decisionNumber: { from: 'jdswh', as: 'document-number' },
    content: { from: 'nr' },
    authority: { from: 'rdjg' },
    authorityCode: { from: 'rdjgdm', as: 'upper' },
    decisionDate: { from: 'jdrq', as: 'date' },
    publicityStartDate: { from: 'gsksrq', as: 'date' },
    publicityEndDate: { from: 'gsjzrq', as: 'date' },
    repairStatus: { from: 'xfzt', values: { 不适用: 'not-applicable', 未修复: 'not-repaired', 修复中: 'in-progress', 已修复: 'repaired' } },
    repairedDate: { from: 'xfrq', as: 'date' },
    sourceUpdatedAt: { from: 'updated_at', as: 'china-time' },
  },
};

export const demoCreditMapping = compileFieldMap(demoCreditFieldMap);
