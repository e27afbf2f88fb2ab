import { compileFieldMap, type FieldMap } from './field-map.js';

/**
 * The demo department's penalty API (national 双公示 column names) to enforcement
 * decisions. Fines arrive in 万元; statuses as codes 0/1/2.
 */
export const demoEnforcementFieldMap: FieldMap = {
  id: 'demo-enforcement',
  version: 2,
  recordType: 'enforcement-decision',
  fields: {
    decisionNumber: { from: 'cf_wsh', as: 'document-number' },
    caseName: { from: 'cf_ajmc' },
    partyType: {
      from: 'xdr_lb',
      values: { 法人及非法人组织: 'legal-person', 法人: 'legal-person', 非法人组织: 'legal-person', 自然人: 'natural-person', 个体工商户: 'individual-business' },
    },
    partyName: { from: 'xdr_mc' },
    creditCode: { from: 'xdr_shxym', as: 'upper' },
    partyIdNumber: { from: 'xdr_zjhm', as: 'upper' },
    legalRepresentative: { from: 'xdr_fddbr' },
    facts: { from: 'cf_sy' },
    legalBasis: { from: 'cf_yj' },
    penaltyTypes: { from: 'cf_cflb', as: 'list' },
    fineYuan: { from: 'cf_fk', as: 'yuan', unit: 'wan-yuan' },
    decisionDate: { from: 'cf_jdrq', as: 'date' },
    publicityEndDate: { from: 'cf_gsjzqx', as: 'date' },
    authority: { from: 'cf_cfjg' },
    authorityCode: { from: 'cf_cfjgdm', as: 'upper' },
    district: { from: 'dq' },
    status: { from: 'cf_zt', values: { '0': 'in-force', '1': 'changed', '2': 'revoked' } },
    sourceUpdatedAt: { from: 'update_time', as: 'china-time' },
  },
};

export const demoEnforcementMapping = compileFieldMap(demoEnforcementFieldMap);

export const mapDemoPenalty = (raw: Readonly<Record<string, unknown>>): unknown => demoEnforcementMapping.map(raw);
