import { createHash } from 'node:crypto';
import { createApi, type ApiDeps } from '../../../src/api/app.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { DATA_FORMATS, type ReleasePointer } from '../../../src/publish/release.js';
import { testApiDeps } from '../../support/api-deps.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

/** Four datasets: open, restricted by grade, restricted by its release (就高从严), and one never released. */
export const penalties = {
  ...DATASET_DEFAULTS,
  id: 'penalties',
  recordType: 'enforcement-decision',
  title: { zh: '行政处罚决定公示', en: 'Administrative penalty decisions' },
  updateFrequency: 'weekly',
  theme: 'JUST',
} satisfies DatasetConfig;
export const transactions = {
  ...DATASET_DEFAULTS,
  id: 'transactions',
  recordType: 'property-rights-transaction',
  title: { zh: '产权交易结果（受限开放）', en: 'Property-rights results (restricted)' },
  contactPoint: { name: '产权交易部', email: 'trade@sx.gov.cn', telephone: '0575-8520 0000' },
  license: 'LicenseRef-restricted-data-use-agreement',
  updateFrequency: 'daily',
  theme: 'ECON',
} satisfies DatasetConfig;
export const licenses = { ...DATASET_DEFAULTS, id: 'licenses', recordType: 'administrative-license', updateFrequency: 'semiannual' } satisfies DatasetConfig;
export const drafts = { ...DATASET_DEFAULTS, id: 'drafts', recordType: 'gazette-issue', updateFrequency: 'irregular' } satisfies DatasetConfig;

export const RELEASE_TIMES: Readonly<Record<string, string>> = {
  penalties: '2026-12-01T00:00:00.000Z',
  transactions: '2026-11-15T08:30:00.000Z',
  licenses: '2026-12-10T02:00:00.000Z',
};

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function releaseOf(datasetId: string): ReleasePointer | undefined {
  const createdAt = RELEASE_TIMES[datasetId];
  if (!createdAt) return undefined;
  const releaseId = `${createdAt.replace(/[-:.]/g, '')}-abcdef12`;
  return {
    datasetId,
    releaseId,
    createdAt,
    rowCount: 42,
    snapshotHash: 'h',
    manifestKey: `open/${datasetId}/${releaseId}/manifest.json`,
    files: [
      ...DATA_FORMATS.map((format, i) => ({
        name: `${datasetId}.${format}`,
        key: `open/${datasetId}/${releaseId}/${datasetId}.${format}`,
        format,
        mediaType: 'application/octet-stream',
        bytes: 1000 + i,
        sha256: sha256(`${datasetId}-${format}`),
      })),
      {
        name: 'datapackage.json',
        key: `open/${datasetId}/${releaseId}/datapackage.json`,
        format: 'datapackage',
        mediaType: 'application/json',
        bytes: 10,
        sha256: sha256('dp'),
      },
    ],
    ...(datasetId === 'licenses' ? { category: 'restricted' as const } : {}),
  };
}

/** The API over the fixtures; `reads` records every attempt to open a release file or query rows (there must be none). */
export function dcatApi(overrides: Partial<ApiDeps> = {}) {
  const reads: string[] = [];
  const app = createApi(
    testApiDeps({
      datasets: async () => [penalties, transactions, licenses, drafts],
      latestRelease: async (id) => releaseOf(id),
      category: (dataset) => (dataset.id === 'transactions' ? 'restricted' : 'open'),
      open: { getStream: async (key) => (reads.push(key), undefined) },
      records: { query: (query) => (reads.push(`records:${JSON.stringify(query)}`), Promise.reject(new Error('no rows here'))) },
      ...overrides,
    }),
  );
  return { app, reads };
}
