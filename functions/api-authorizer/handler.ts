import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { admit } from '../../src/api/authorizer/admission.js';
import { anonymousUsageKeyOf } from '../../src/api/authorizer/authorizer-config.js';
import { authorizerResult } from '../../src/api/authorizer/authorizer-result.js';
import type { GrantLookup } from '../../src/api/authorizer/grant-lookup.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { DynamoGrantLookup } from '../../src/aws/dynamo-grant-store.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';

/** The grants table's lookup by key hash; the authorizer reads nothing else of the store. */
function grantLookupOf(config: RuntimeConfig, clients: AwsClients): GrantLookup {
  return new DynamoGrantLookup(clients.doc, config.resources.table('grants'));
}

/** The REQUEST authorizer of the open-data REST API (no identity source, so it runs for every request). */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const grants = grantLookupOf(config, clients);
  return withObservability(config, async (event: APIGatewayRequestAuthorizerEvent, context: Context): Promise<APIGatewayAuthorizerResult> => {
    void context;
    // Read per request, not at creation: the local runtime loads this handler without a gateway or a key.
    const admission = await admit(event.headers, { grants, anonymousUsageKey: anonymousUsageKeyOf(config), now: () => new Date() });
    if (admission.effect !== 'allow') logger.info('API request refused by the authorizer', { effect: admission.effect, reason: admission.reason });
    return authorizerResult(admission, event.methodArn);
  });
}

export const handler = atColdStart(createHandler);
