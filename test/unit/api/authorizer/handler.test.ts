import type { APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../../../functions/api-authorizer/handler.js';
import { createAwsClients } from '../../../../src/aws/clients.js';
import { loadRuntimeConfig } from '../../../../src/config/runtime-config.js';
import { resourceEnvName } from '../../../../src/infra/resources.js';

const METHOD_ARN = 'arn:aws:execute-api:cn-north-1:123456789012:abc123/prod/GET/v1/datasets';
const ANONYMOUS = 'Zb3c9QmT0xW2kLp8rYd4VnH6sJ1eFa5u';

function handlerWith(env: Record<string, string>) {
  const config = loadRuntimeConfig({
    [resourceEnvName('table', 'grants')]: 'tongyuan-grants',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    TONGYUAN_LOG_LEVEL: 'SILENT',
    ...env,
  });
  return createHandler(config, createAwsClients({ region: 'cn-north-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
}

const event = (headers: Record<string, string>) => ({ type: 'REQUEST', methodArn: METHOD_ARN, headers }) as unknown as APIGatewayRequestAuthorizerEvent;

describe('the authorizer function as API Gateway invokes it', () => {
  it('admits a request without a key on the anonymous plan key of its configuration', async () => {
    const result = await handlerWith({ TONGYUAN_ANONYMOUS_USAGE_KEY: ANONYMOUS })(event({ Accept: '*/*' }), {} as Context);
    expect(result).toMatchObject({ usageIdentifierKey: ANONYMOUS, policyDocument: { Statement: [{ Effect: 'Allow', Resource: METHOD_ARN }] } });
  });

  it('answers a malformed key with the 401 message, before any table read', async () => {
    await expect(handlerWith({ TONGYUAN_ANONYMOUS_USAGE_KEY: ANONYMOUS })(event({ 'X-API-Key': 'nope' }), {} as Context)).rejects.toThrow(/^Unauthorized$/);
  });

  it('is created without the anonymous key (the local runtime loads it so) but fails naming the variable when invoked', async () => {
    const handler = handlerWith({});
    await expect(handler(event({}), {} as Context)).rejects.toThrow(/TONGYUAN_ANONYMOUS_USAGE_KEY is not set/);
  });
});
