import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../../src/api/app.js';
import type { Caller } from '../../src/api/access.js';
import { registerCkanRoutes } from '../../src/api/routes/ckan.js';
import type { DatasetConfig } from '../../src/config/catalog.js';
import type { Grant } from '../../src/ports/grant-store.js';
import type { ReleasePointer } from '../../src/publish/release.js';
import { testApiDeps } from './api-deps.js';
import { DATASET_DEFAULTS } from './dataset-config.js';
import { memoryRecordsReader, type MemoryRelease } from './memory-records-reader.js';

export const BASE = 'https://data.example';
export const NOW = new Date('2026-12-20T00:00:00.000Z');

const FIELDS = ['decisionNumber', 'partyName', 'fineYuan', 'decisionDate'];

export const penalties = {
  ...DATASET_DEFAULTS,
  id: 'penalties',
  recordType: 'enforcement-decision',
  fields: FIELDS,
  title: { zh: '行政处罚决定公示', en: 'Administrative penalty decisions' },
  description: { zh: '绍兴市各执法部门作出的行政处罚决定', en: 'Penalty decisions of Shaoxing authorities' },
  publisher: '绍兴市市场监督管理局',
  keywords: ['行政处罚', '双公示'],
  theme: 'JUST',
  updateFrequency: 'weekly',
} satisfies DatasetConfig;

export const transactions = {
  ...penalties,
  id: 'transactions',
  title: { zh: '产权交易结果', en: 'Property-rights results' },
  description: { zh: '国有产权交易成交结果', en: 'Results of state-owned property transactions' },
  publisher: '绍兴市公共资源交易中心',
  keywords: ['产权交易'],
  theme: 'ECON',
  license: 'LicenseRef-restricted-data-use-agreement',
  grades: { partyName: 'L2' },
} satisfies DatasetConfig;

export const licences = {
  ...penalties,
  id: 'licences',
  title: { zh: '行政许可决定公示', en: 'Administrative licence decisions' },
  description: { zh: '行政许可决定（行政处罚另见处罚数据集）', en: 'Licence decisions' },
  keywords: ['行政许可', '双公示'],
  theme: 'GOVE',
  license: 'CC0-1.0',
} satisfies DatasetConfig;

const FORMATS = ['csv', 'csv-en', 'jsonl', 'parquet', 'xlsx'] as const;

export const releaseOf = (datasetId: string, createdAt: string, releaseId = `${createdAt.replace(/[-:.]/g, '')}-${datasetId}`): ReleasePointer => ({
  datasetId,
  releaseId,
  createdAt,
  rowCount: 5,
  snapshotHash: 'h',
  manifestKey: `open/${datasetId}/${releaseId}/manifest.json`,
  files: FORMATS.map((format) => ({
    name: `${datasetId}.${format}`,
    key: `open/${datasetId}/${releaseId}/${datasetId}.${format}`,
    format,
    mediaType: 'x',
    bytes: 100,
    sha256: `sha-${format}`,
  })),
});

export const LATEST: Readonly<Record<string, ReleasePointer>> = {
  penalties: releaseOf('penalties', '2026-12-10T08:00:00.000Z'),
  transactions: releaseOf('transactions', '2026-12-12T08:00:00.000Z'),
  licences: releaseOf('licences', '2026-11-01T08:00:00.000Z'),
};
/** penalties' first release, on the second page of its history. */
export const FIRST_PENALTIES = releaseOf('penalties', '2026-01-05T08:00:00.000Z');

const rows = [
  { decisionNumber: '绍市监罚〔2026〕1号', partyName: '绍兴甲商贸有限公司', fineYuan: 5000, decisionDate: '2026-03-01' },
  { decisionNumber: '绍市监罚〔2026〕2号', partyName: '柯桥乙餐饮店', fineYuan: 200, decisionDate: '2026-03-05' },
  { decisionNumber: '绍市监罚〔2026〕3号', partyName: '上虞丙建材有限公司', fineYuan: 12000, decisionDate: '2026-04-10' },
  { decisionNumber: '绍市监罚〔2026〕4号', partyName: '绍兴丁科技有限公司', fineYuan: 800, decisionDate: '2026-05-20' },
  { decisionNumber: '绍市监罚〔2026〕5号', partyName: '诸暨戊五金厂', fineYuan: 5000, decisionDate: '2026-06-02' },
];
const recordFields: MemoryRelease['fields'] = [
  { id: 'decisionNumber', type: 'string', title: { zh: '决定文书号', en: 'Decision number' } },
  { id: 'partyName', type: 'string', title: { zh: '当事人名称', en: 'Party name' } },
  { id: 'fineYuan', type: 'number', title: { zh: '罚款金额（元）', en: 'Fine (yuan)' } },
  { id: 'decisionDate', type: 'date', title: { zh: '处罚决定日期', en: 'Decision date' } },
];

export const grantFor = (datasetId: string, overrides: Partial<Grant> = {}): Grant => ({
  id: `g-${datasetId}`,
  applicationId: 'a1',
  datasetId,
  fields: ['decisionNumber', 'fineYuan'],
  maskingProfile: 'standard',
  expiresAt: '2027-06-30T00:00:00.000Z',
  status: 'active',
  quotaPerDay: 1000,
  keyId: '0123456789abcdef',
  createdAt: '2026-11-30T00:00:00.000Z',
  ...overrides,
});

/**
 * The CKAN routes alone, on a Hono app whose caller is set from the test's `x-test-grant`
 * header (a JSON Grant): the caller middleware's job, done here without keys.
 */
export function ckanApi(overrides: Partial<ApiDeps> = {}) {
  const reader = memoryRecordsReader(Object.fromEntries(Object.values(LATEST).map((r) => [r.releaseId, { fields: recordFields, rows }])));
  const app = new Hono<ApiEnv>();
  app.use(async (c, next) => {
    const grant = c.req.header('x-test-grant');
    const caller: Caller = grant ? { kind: 'key', keyId: '0123456789abcdef', grant: JSON.parse(grant) as Grant } : { kind: 'anonymous', clientId: '192.0.2.1' };
    c.set('caller', caller);
    await next();
  });
  registerCkanRoutes(
    app,
    testApiDeps({
      datasets: async () => [penalties, transactions, licences],
      latestRelease: async (id) => LATEST[id],
      releaseHistory: async (id, page) =>
        id === 'penalties' && page?.after === undefined
          ? { releases: [LATEST.penalties!], next: LATEST.penalties!.releaseId }
          : { releases: id === 'penalties' ? [FIRST_PENALTIES] : [LATEST[id]!] },
      records: reader,
      publicBaseUrl: BASE,
      now: () => NOW,
      ...overrides,
    }),
  );
  const call = async (action: string, params: Record<string, string> = {}, init: { grant?: Grant; body?: unknown } = {}) => {
    const query = new URLSearchParams(params).toString();
    const headers: Record<string, string> = init.grant ? { 'x-test-grant': JSON.stringify(init.grant) } : {};
    const res =
      init.body === undefined
        ? await app.request(`/api/3/action/${action}${query ? `?${query}` : ''}`, { headers })
        : await app.request(`/api/3/action/${action}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(init.body),
          });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body under test is whatever the server sent
    return { res, body: (await res.json()) as any };
  };
  return { app, call, reader };
}
