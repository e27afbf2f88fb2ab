import { createHash } from 'node:crypto';

/** `ty_<keyId: 16 lowercase hex>_<secret: 43 base64url characters>`, the only shape a tongyuan API key has. */
const KEY_PATTERN = /^ty_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** What a request carries in place of a key: nothing, one well-formed key, or something that is not one. */
export type PresentedKey = { readonly kind: 'none' } | { readonly kind: 'key'; readonly key: string } | { readonly kind: 'malformed'; readonly reason: string };

/** Request headers as API Gateway hands them over: names in the client's own case, values possibly absent. */
export type RequestHeaders = Readonly<Record<string, string | undefined>> | null | undefined;

/**
 * The key a request presents, as `Authorization: Bearer <key>` or `X-API-Key: <key>`. A header
 * that is present but holds no well-formed key is malformed, never anonymous: a caller who
 * meant to use a key must learn that it was not accepted. Two different keys are malformed too.
 */
export function presentedKey(headers: RequestHeaders): PresentedKey {
  const authorization = headerValue(headers, 'authorization');
  const apiKey = headerValue(headers, 'x-api-key');
  if (authorization === undefined && apiKey === undefined) return { kind: 'none' };

  const fromAuthorization = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  if (authorization !== undefined && fromAuthorization === undefined) return { kind: 'malformed', reason: 'the Authorization header is not "Bearer <key>"' };
  const fromApiKey = apiKey?.trim();
  if (fromAuthorization !== undefined && fromApiKey !== undefined && fromAuthorization !== fromApiKey)
    return { kind: 'malformed', reason: 'Authorization and X-API-Key carry different keys' };

  const key = (fromAuthorization ?? fromApiKey)!;
  if (!KEY_PATTERN.test(key)) return { kind: 'malformed', reason: 'the key is not of the form ty_<16 hex>_<43 base64url>' };
  return { kind: 'key', key };
}

/** How a key is stored and looked up: its sha256, lowercase hex. The key itself is never stored. */
export function keyHashOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function headerValue(headers: RequestHeaders, lowerCaseName: string): string | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === lowerCaseName && value !== undefined) return value;
  return undefined;
}
