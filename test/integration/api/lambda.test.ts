import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/api/handler.js';
import { FEED_SIGNING_KEYS_SECRET_NAME } from '../../../lib/constructs/feed-signing-keys.js';
import { STAGE_NAME } from '../../../lib/constructs/open-data-api.js';
import { DEFAULT_CATALOG_DIRS } from '../../../src/config/runtime-config.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const API_ID = 'a1b2c3d4e5';
const HOST = `${API_ID}.execute-api.us-east-1.amazonaws.com`;
/** What the stack puts in TONGYUAN_PUBLIC_BASE_URL when no domain is configured: the stage's URL. */
const STAGE_BASE_URL = `https://${HOST}/${STAGE_NAME}`;

/**
 * A GET as API Gateway's REST API hands it to the proxy integration (payload 1.0): the path
 * without the stage, single- and multi-value headers and query, and the context the request
 * authorizer returned for an anonymous caller.
 */
function restApiEvent(path: string, query: Readonly<Record<string, string>> = {}): APIGatewayProxyEvent {
  const headers = { Host: HOST, 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7', 'User-Agent': 'test' };
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: hasQuery ? { ...query } : null,
    multiValueQueryStringParameters: hasQuery ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: API_ID,
      authorizer: { principalId: 'anonymous', caller: 'anonymous', integrationLatency: 3 },
      domainName: HOST,
      domainPrefix: API_ID,
      extendedRequestId: 'e',
      httpMethod: 'GET',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'test',
        userArn: null,
      },
      path: `/${STAGE_NAME}${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'r',
      requestTimeEpoch: 0,
      resourceId: 'res',
      resourcePath: '/{proxy+}',
      stage: STAGE_NAME,
    },
  };
}

describe('the API as API Gateway (REST API, payload 1.0) invokes it', () => {
  const datasetId = `lambda-${uniqueSuffix()}`;
  const csv = 'decisionNumber,caseName\n绍市监罚〔2026〕1号,某案\n';
  let dir: string;
  let handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

  beforeAll(async () => {
    const shared = await useSharedAws();
    // The catalog the function is packaged with, plus one dataset of this test's own with a release.
    dir = await mkdtemp(join(tmpdir(), 'api-lambda-'));
    const datasets = join(dir, 'datasets');
    await cp(DEFAULT_CATALOG_DIRS.datasets, datasets, { recursive: true });
    const definition = await readFile(join(datasets, 'enforcement-decisions.yaml'), 'utf8');
    await writeFile(join(datasets, `${datasetId}.yaml`), definition.replace(/^id: enforcement-decisions$/m, `id: ${datasetId}`));
    // The environment the stack gives the API function, on top of the tables and buckets.
    const app = shared.compose({
      TONGYUAN_PUBLIC_BASE_URL: STAGE_BASE_URL,
      TONGYUAN_FEED_KEYS_SECRET: FEED_SIGNING_KEYS_SECRET_NAME,
      TONGYUAN_DATASETS_DIR: datasets,
    });
    const key = `open/${datasetId}/20261201T000000000Z-0000cafe/${datasetId}.csv`;
    const file = join(dir, `${datasetId}.csv`);
    await writeFile(file, csv);
    await app.openBucket().putFile(key, file, { contentType: 'text/csv; charset=utf-8' });
    await app.releaseCatalog().commit(
      {
        datasetId,
        releaseId: '20261201T000000000Z-0000cafe',
        createdAt: '2026-12-01T00:00:00.000Z',
        rowCount: 1,
        snapshotHash: 'cafe',
        manifestKey: `open/${datasetId}/20261201T000000000Z-0000cafe/manifest.json`,
        files: [{ name: `${datasetId}.csv`, key, format: 'csv', mediaType: 'text/csv; charset=utf-8', bytes: Buffer.byteLength(csv), sha256: 's' }],
        category: 'open',
      },
      undefined,
    );
    // As the function's cold start builds it: from its configuration and clients.
    handler = createHandler(app.config, shared.clients) as unknown as typeof handler;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the catalog, its links on the configured base URL', async () => {
    const response = await handler(restApiEvent('/v1/datasets'), {} as Context);
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { datasets: { id: string }[] };
    expect(body.datasets.map((d) => d.id)).toEqual(expect.arrayContaining(['enforcement-decisions', datasetId]));
    expect(response.body).toContain(`${STAGE_BASE_URL}/v1/datasets/${datasetId}`);
  });

  it('rejects an unknown download format with 400 and says which formats exist', async () => {
    const response = await handler(restApiEvent('/v1/datasets/enforcement-decisions/download', { format: 'pdf' }), {} as Context);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('query parameter \\"format\\"');
    expect(response.body).toContain('csv, csv-en, jsonl, parquet, xlsx');
  });

  it('answers a download with 302 to a presigned URL of the release file, which serves it', async () => {
    const response = await handler(restApiEvent(`/v1/datasets/${datasetId}/download`, { format: 'csv' }), {} as Context);
    expect(response.statusCode).toBe(302);
    // A payload 1.0 answer carries its headers as multiValueHeaders.
    const header = (name: string) => response.multiValueHeaders?.[name]?.[0];
    expect(header('cache-control')).toBe('no-store');
    const location = new URL(String(header('location')));
    expect(location.pathname).toContain(`/open/${datasetId}/20261201T000000000Z-0000cafe/${datasetId}.csv`);
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const fetched = await fetch(location);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe(csv);
  });
});
