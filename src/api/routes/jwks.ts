import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_METADATA } from '../http/conditional.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { jsonOk, problemResponses } from '../openapi/components.js';

export const jwksPaths: OpenApiPaths = {
  '/.well-known/jwks.json': {
    get: {
      operationId: 'getFeedSigningKeys',
      summary: 'Feed signing keys / 订阅推送签名公钥',
      description: 'The public Ed25519 keys (JWK set, RFC 7517) that verify the signatures on pushed feeds.',
      tags: ['meta'],
      security: [{}],
      responses: { '200': jsonOk('The public key set', 'JsonWebKeySet'), ...problemResponses(429, 500) },
    },
  },
};

/** /.well-known/jwks.json: the public halves of the feed signing keys, never a private member. */
export function registerJwksRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/.well-known/jwks.json', async (c) => {
    const { keys } = await deps.signingKeys.publicJwks();
    c.header('cache-control', CACHE_METADATA);
    // Rebuilt member by member: whatever an adapter returned, only public members are answered.
    return c.json({ keys: keys.map(({ kty, crv, x, kid, use, alg }) => ({ kty, crv, x, kid, use, alg })) }, 200, {
      'content-type': 'application/jwk-set+json',
    });
  });
}
