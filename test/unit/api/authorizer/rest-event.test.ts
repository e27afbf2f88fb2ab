import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../../src/api/app.js';
import { testApiDeps } from '../../../support/api-deps.js';

/** A REST API proxy event (payload 1.0) as the `prod` stage sends it after the authorizer admitted an anonymous caller. */
function restEvent(path: string, query: Record<string, string> | null = null): APIGatewayProxyEvent {
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: 'GET',
    headers: { Host: 'abc123.execute-api.cn-north-1.amazonaws.com.cn', Accept: 'application/json' },
    multiValueHeaders: { Host: ['abc123.execute-api.cn-north-1.amazonaws.com.cn'], Accept: ['application/json'] },
    queryStringParameters: query,
    multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: { principalId: 'anonymous', caller: 'anonymous' },
      domainName: 'abc123.execute-api.cn-north-1.amazonaws.com.cn',
      httpMethod: 'GET',
      identity: { sourceIp: '203.0.113.7' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId: 'r-1',
      requestTimeEpoch: 0,
      resourceId: 'res',
      resourcePath: '/{proxy+}',
      stage: 'prod',
    },
  };
}

describe('the API behind the REST API (payload 1.0)', () => {
  const serve = handle(createApi(testApiDeps({ publicBaseUrl: 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/prod' }))) as unknown as (
    event: APIGatewayProxyEvent,
    context: Context,
  ) => Promise<APIGatewayProxyResult>;

  it('routes on the path without the stage and answers JSON', async () => {
    const response = await serve(restEvent('/v1/datasets'), {} as Context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toHaveProperty('datasets');
  });

  it('answers an unknown dataset with a problem document rather than a gateway error', async () => {
    const response = await serve(restEvent('/v1/datasets/no-such-dataset'), {} as Context);
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ status: 404, instance: '/v1/datasets/no-such-dataset' });
  });
});
