import type { DatasetConfig } from '../../src/config/catalog.js';

/** The catalog metadata every dataset must carry, for tests that care only about id, type and rules. */
export const DATASET_DEFAULTS: Omit<DatasetConfig, 'id' | 'recordType'> = {
  title: { zh: '测试数据集', en: 'Test dataset' },
  description: { zh: '测试用数据集', en: 'A dataset for tests' },
  publisher: '绍兴市大数据发展管理局',
  contactPoint: { name: '开放数据窗口', email: 'opendata@sx.gov.cn' },
  fields: [],
  masking: { profile: 'standard' },
  updateFrequency: 'daily',
  license: 'CC-BY-4.0',
  theme: 'GOVE',
  subjectCategory: '综合政务',
  keywords: ['测试'],
};
