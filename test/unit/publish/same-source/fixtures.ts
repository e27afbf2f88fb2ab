import type { DatasetConfig } from '../../../../src/config/catalog.js';
import { DATASET_DEFAULTS } from '../../../support/dataset-config.js';

/** What datasets/normative-documents.yaml is to carry: the Zhejiang rule 机构代码/年份-流水号. */
export const documents: DatasetConfig = {
  ...DATASET_DEFAULTS,
  id: 'normative-documents',
  recordType: 'normative-document',
  subjectCategory: '综合政务',
  fields: [
    'documentNumber',
    'indexNumber',
    'title',
    'issuingAuthorities',
    'signedDate',
    'publishedDate',
    'validity',
    'subjectCategories',
    'disclosure',
    'fullTextUrl',
  ],
  sameSource: { indexNumber: { pattern: '{issuerCode}/{year}-{serial:5}' } },
};

export const gazette: DatasetConfig = {
  ...DATASET_DEFAULTS,
  id: 'gazette-issues',
  recordType: 'gazette-issue',
  title: { zh: '绍兴市人民政府公报', en: 'Shaoxing Municipal Government Gazette' },
  subjectCategory: '政府公报',
  fields: ['year', 'issueNumber', 'totalIssueNumber', 'publicationDate', 'publisher', 'pdfUrl', 'entries'],
  sameSource: { indexNumber: { pattern: '{issuerCode}/{year}-{serial:5}' }, issuerCodes: { 绍兴市人民政府办公室: '002565301' } },
};

export const CITY = { name: '绍兴市人民政府', code: '11330600002565221R' };
export const BUREAU = { name: '绍兴市市场监督管理局', code: '11330600MB1873446L' };

export const documentRow = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  documentNumber: '绍政发〔2026〕1号',
  title: '绍兴市人民政府关于印发某某办法的通知',
  issuingAuthorities: [CITY],
  signedDate: '2026-03-02',
  publishedDate: '2026-03-05',
  validity: 'in-force',
  subjectCategories: ['综合政务', '市场监管'],
  disclosure: 'proactive',
  fullTextUrl: 'https://www.sx.gov.cn/doc/1.html',
  ...overrides,
});

export const gazetteRow = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  year: 2026,
  issueNumber: 3,
  totalIssueNumber: 412,
  publicationDate: '2026-02-15',
  publisher: '绍兴市人民政府办公室',
  pdfUrl: 'https://www.sx.gov.cn/gazette/2026-3.pdf',
  entries: [{ title: '绍兴市人民政府关于印发某某办法的通知', category: '市政府文件', documentNumber: '绍政发〔2026〕1号' }],
  ...overrides,
});
