import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { Admission } from './admission.js';

/**
 * The message a Lambda authorizer throws to make API Gateway answer 401; any other error
 * becomes a 500. The UNAUTHORIZED gateway response turns the 401 into a problem document.
 */
export const UNAUTHORIZED = 'Unauthorized';

/** Names of the context values the authorizer returns; the gateway responses and the access log read them as `$context.authorizer.<name>`. */
export const AUTHORIZER_CONTEXT = { caller: 'caller', grantId: 'grantId', detail: 'detail' } as const;

/**
 * An admission as API Gateway's authorizer output: an IAM policy for exactly the method
 * called (caching is off, so no wider policy is ever reused), the usage-plan key, and context
 * the API function and the gateway responses can read. `unauthorized` is thrown, as API
 * Gateway requires.
 */
export function authorizerResult(admission: Admission, methodArn: string): APIGatewayAuthorizerResult {
  if (admission.effect === 'unauthorized') throw new Error(UNAUTHORIZED);
  const policy = (effect: 'Allow' | 'Deny') => ({
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }],
  });
  if (admission.effect === 'deny')
    return {
      principalId: `grant:${admission.grantId}`,
      policyDocument: policy('Deny'),
      // Read by the ACCESS_DENIED gateway response: its template cannot branch, so the sentence comes ready-made.
      context: {
        [AUTHORIZER_CONTEXT.caller]: 'grant',
        [AUTHORIZER_CONTEXT.grantId]: admission.grantId,
        [AUTHORIZER_CONTEXT.detail]: `${admission.detail.zh} / ${admission.detail.en}`,
      },
    };
  if (admission.caller === 'anonymous')
    return {
      principalId: 'anonymous',
      policyDocument: policy('Allow'),
      usageIdentifierKey: admission.usageKey,
      context: { [AUTHORIZER_CONTEXT.caller]: 'anonymous' },
    };
  return {
    principalId: `grant:${admission.grantId}`,
    policyDocument: policy('Allow'),
    usageIdentifierKey: admission.usageKey,
    context: { [AUTHORIZER_CONTEXT.caller]: 'grant', [AUTHORIZER_CONTEXT.grantId]: admission.grantId },
  };
}
