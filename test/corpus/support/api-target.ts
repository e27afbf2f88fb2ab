import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApi, type ApiEnv } from '../../../src/api/app.js';
import { DuckDbRecordsReader } from '../../../src/api/records/duckdb-records-reader.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { testApiDeps } from '../../support/api-deps.js';
import { MemoryFeedLog } from '../../support/memory-feeds.js';
import { MemoryGrantStore } from '../../support/memory-grant-store.js';
import { decisions, MemoryBucket, putRelease } from '../../support/records-release.js';

/** One HTTP request of the corpus: the path as sent (not re-encoded), then query pairs, headers and a body. */
export interface ApiRequest {
  readonly method?: string;
  readonly path: string;
  /** Appended after the path's own query, each pair percent-encoded. */
  readonly query?: readonly (readonly [string, string])[];
  /** Appended verbatim (after `query`): malformed percent-encoding, raw control bytes. */
  readonly rawQuery?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ApiExpectation {
  /** An exact status, or a class ("2xx", "4xx"). */
  readonly status: number | '2xx' | '4xx';
  /** The query parameter a 400 must name in `invalidParams`. */
  readonly param?: string;
  /** How many records a 200 from /records may hold (an injection must not widen a query). */
  readonly records?: number;
}

export interface ApiCase {
  readonly name: string;
  readonly request: ApiRequest;
  readonly expect: ApiExpectation;
}

export const DATASET = 'penalties';
export const RELEASE = '20260101T000000000Z-aaaaaaa1';
const ORIGIN = 'https://data.example';

const row = (n: number) => ({
  decisionNumber: `绍市监罚〔2026〕${n}号`,
  caseName: `某餐饮公司违法案${n}`,
  authority: '绍兴市生态环境局',
  decisionDate: '2026-01-10',
  fineYuan: n * 100,
  district: '330602',
  penaltyTypes: ['warning'],
  sourceUpdatedAt: '2026-01-10T00:00:00Z',
});

/** The API over one open dataset with one release of three rows, read by the real DuckDB reader. */
export async function openCorpusApi(): Promise<{ app: Hono<ApiEnv>; close: () => Promise<void>; logged: unknown[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-api-'));
  const bucket = new MemoryBucket();
  const reader = await DuckDbRecordsReader.open({ objects: bucket, cacheDir: dir, connections: 1 });
  const dataset = decisions(DATASET);
  const release: ReleasePointer = await putRelease(
    bucket,
    dataset,
    RELEASE,
    [1, 2, 3].map((n) => ({ id: `r${n}`, row: row(n) })),
    [1, 2, 3].map((n) => ({ change: 'added' as const, recordId: `r${n}` })),
  );
  const logged: unknown[] = [];
  const app = createApi(
    testApiDeps({
      datasets: async () => [dataset],
      latestRelease: async (id) => (id === DATASET ? release : undefined),
      releaseHistory: async (id) => ({ releases: id === DATASET ? [release] : [] }),
      open: bucket,
      records: reader,
      category: () => 'open',
      grants: new MemoryGrantStore(),
      feedLog: new MemoryFeedLog(),
      signingKeys: { publicJwks: async () => ({ keys: [] }) },
      logger: { error: (message, attributes) => void logged.push({ message, ...attributes }) },
    }),
  );
  return {
    app,
    logged,
    close: async () => {
      reader.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function urlOf(request: ApiRequest): string {
  const pairs = new URLSearchParams();
  for (const [name, value] of request.query ?? []) pairs.append(name, value);
  const encoded = pairs.toString();
  const parts = [encoded, request.rawQuery ?? ''].filter((p) => p !== '');
  const joiner = request.path.includes('?') ? '&' : '?';
  return `${ORIGIN}${request.path}${parts.length > 0 ? joiner + parts.join('&') : ''}`;
}
