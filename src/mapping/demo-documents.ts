import { compileFieldMap, type FieldMap } from './field-map.js';

/** The general office's document system (公文系统 规范性文件库) to normative documents. */
export const demoDocumentsFieldMap: FieldMap = {
  id: 'demo-documents',
  version: 1,
  recordType: 'normative-document',
  fields: {
    documentNumber: { from: 'wh', as: 'document-number' },
    indexNumber: { from: 'syh' },
    title: { from: 'bt' },
    // Joint issuers are one field, 、-separated; the system keeps no code per issuer.
    issuingAuthorities: { from: 'fwjg', as: 'list', each: 'name' },
    signedDate: { from: 'cwrq', as: 'date' },
    publishedDate: { from: 'fbrq', as: 'date' },
    effectiveDate: { from: 'ssrq', as: 'date' },
    expiryDate: { from: 'sxrq', as: 'date' },
    validity: { from: 'yxx', values: { 有效: 'in-force', 失效: 'expired', 废止: 'repealed', 已修改: 'amended' } },
    disclosure: { from: 'gkfs', values: { 主动公开: 'proactive', 依申请公开: 'on-request', 不予公开: 'not-disclosed' } },
    subjectCategories: { from: 'ztfl', as: 'list' },
    fullTextUrl: { from: 'qwdz' },
    sourceUpdatedAt: { from: 'updated_at', as: 'china-time' },
  },
};

export const demoDocumentsMapping = compileFieldMap(demoDocumentsFieldMap);
