import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/api/handler.js';
import { useSharedAws } from '../../support/aws.js';

function httpApiEvent(path: string, query = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'api.example.test', 'x-forwarded-proto': 'https' },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '27/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

describe('the API as API Gateway invokes it', () => {
  let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  beforeAll(async () => {
    // As the function's cold start builds it: from its configuration and clients.
    const { config, clients } = await useSharedAws();
    handler = createHandler(config, clients) as unknown as typeof handler;
  });

  it('answers the catalog from an HTTP API (payload 2.0) event', async () => {
    const response = await handler(httpApiEvent('/v1/datasets'), {} as Context);
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body!) as { datasets: { id: string }[] };
    expect(body.datasets.map((d) => d.id)).toContain('enforcement-decisions');
  });

  it('rejects an unknown download format with 400 and says which formats exist', async () => {
    const response = await handler(httpApiEvent('/v1/datasets/enforcement-decisions/download', 'format=pdf'), {} as Context);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('query parameter \\"format\\"');
    expect(response.body).toContain('csv, csv-en, jsonl, parquet, xlsx');
  });
});
