import { testApiDeps } from '../../support/api-deps.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi, type ApiDeps } from '../../../src/api/app.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const dataset = { ...DATASET_DEFAULTS, id: 'enforcement-decisions', recordType: 'enforcement-decision' } satisfies DatasetConfig;
const secretMessage = 'cannot read /var/task/sources/credentials.json: password=hunter2 AKIAIOSFODNN7EXAMPLE';

/** A Powertools logger whose JSON lines are captured instead of written. */
function capturedLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  const logger = new Logger({ serviceName: 'tongyuan-test', logLevel: 'ERROR' });
  return {
    logger,
    lines: () =>
      written
        .flatMap((chunk) => chunk.split('\n'))
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

function api(overrides: Partial<ApiDeps>): ReturnType<typeof createApi> {
  return createApi(
    testApiDeps({
      datasets: async () => [dataset],
      latestRelease: async () => undefined,
      open: { getStream: async () => undefined },
      ...overrides,
    }),
  );
}

describe('the API answers errors as RFC 9457 problem details', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an internal failure is a generic 500 with a correlation id; the log has the id and the real error', async () => {
    const { logger, lines } = capturedLogger();
    const failing = api({
      logger,
      latestRelease: async () => {
        throw new Error(secretMessage);
      },
    });
    const response = await failing.request('/v1/datasets/enforcement-decisions', {}, { lambdaContext: { awsRequestId: 'c0ffee-42' } });
    const text = await response.text();
    vi.restoreAllMocks();
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toEqual({
      type: '/problems/internal-error',
      title: '内部错误 / Internal Server Error',
      status: 500,
      detail: '请求未能完成；报告问题时请提供关联编号（correlationId） / the request could not be completed; quote the correlation id when reporting it',
      instance: '/v1/datasets/enforcement-decisions',
      correlationId: 'c0ffee-42',
    });
    for (const leak of ['/var/task', 'hunter2', 'AKIA', 'credentials', 'at ', '.ts']) expect(text).not.toContain(leak);
    const logged = lines().filter((l) => l.correlationId === 'c0ffee-42');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'ERROR',
      message: 'request failed',
      path: '/v1/datasets/enforcement-decisions',
      error: { message: secretMessage },
    });
  });

  it('without a Lambda context the correlation id is a new one, the same in the answer and the log', async () => {
    const { logger, lines } = capturedLogger();
    const response = await api({
      logger,
      datasets: async () => {
        throw new Error(secretMessage);
      },
    }).request('/v1/datasets');
    const body = (await response.json()) as { correlationId: string };
    vi.restoreAllMocks();
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines().filter((l) => l.correlationId === body.correlationId)).toHaveLength(1);
  });

  it('deliberate refusals keep their specific detail, in Chinese and English', async () => {
    const missing = await api({}).request('/v1/datasets/no-such-dataset');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.json()).toEqual({
      type: '/problems/not-found',
      title: '未找到 / Not Found',
      status: 404,
      detail: '没有数据集“no-such-dataset” / no dataset "no-such-dataset"',
      instance: '/v1/datasets/no-such-dataset',
    });
    const badFormat = await api({}).request('/v1/datasets/enforcement-decisions/download?format=pdf');
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toEqual({
      type: '/problems/bad-request',
      title: '请求无效 / Bad Request',
      status: 400,
      detail: '查询参数“format”无效 / query parameter "format": must be one of csv, csv-en, jsonl, parquet, xlsx; got "pdf"',
      instance: '/v1/datasets/enforcement-decisions/download',
      invalidParams: [{ name: 'format', reason: 'must be one of csv, csv-en, jsonl, parquet, xlsx; got "pdf"' }],
    });
  });
});
