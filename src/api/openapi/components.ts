import type { ProblemStatus } from '../problem.js';
import { schemaRef, type ComponentSchemaName, type JsonSchema } from './schemas.js';

/**
 * Building blocks route modules compose their path items from, so every fragment describes
 * errors, paging and JSON the same way and lints clean once assembled.
 */

const PROBLEM_DESCRIPTIONS: Readonly<Record<ProblemStatus, string>> = {
  400: 'A parameter is invalid; `invalidParams` names it',
  401: 'The API key is malformed or unknown',
  403: 'The dataset is restricted, or the key’s grant is expired, revoked or for another dataset',
  404: 'Not found',
  405: 'The path is served with other methods; `Allow` lists them',
  416: 'The requested range is outside the file',
  429: 'Too many requests; `Retry-After` says when to try again',
  500: 'Internal failure; the answer carries a correlation id',
  503: 'Temporarily unavailable',
};

/** Responses for these problem statuses, each an RFC 9457 problem (429 with Retry-After). */
export function problemResponses(...statuses: readonly ProblemStatus[]): Record<string, JsonSchema> {
  return Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/Problem${status}` }]));
}

/** A 200 whose JSON body is the named component schema, with the validators the API sets on it. */
export function jsonOk(description: string, schema: ComponentSchemaName, headers: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    description,
    headers: { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' }, ...headers },
    content: { 'application/json': { schema: schemaRef(schema) } },
  };
}

/** `$ref` to one of the shared parameters below. */
export const parameterRef = (name: keyof typeof parameters): JsonSchema => ({ $ref: `#/components/parameters/${name}` });

const parameters = {
  limit: {
    name: 'limit',
    in: 'query',
    description: 'Page size',
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
  cursor: {
    name: 'cursor',
    in: 'query',
    description: 'Opaque position from the previous page’s `next` link',
    schema: { type: 'string' },
  },
  datasetId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'Dataset id',
    schema: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
  },
} as const;

const problemContent = { 'application/problem+json': { schema: schemaRef('Problem') } };

/** The components every assembled document carries besides schemas. */
export function sharedComponents(): Record<string, unknown> {
  const responses = Object.fromEntries(
    (Object.keys(PROBLEM_DESCRIPTIONS) as unknown as ProblemStatus[]).map((status) => [
      `Problem${status}`,
      {
        description: PROBLEM_DESCRIPTIONS[status],
        ...(Number(status) === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
        ...(Number(status) === 405 ? { headers: { Allow: { description: 'The methods the path is served with', schema: { type: 'string' } } } } : {}),
        content: problemContent,
      },
    ]),
  );
  return {
    parameters,
    responses,
    headers: {
      ETag: { description: 'Entity tag (weak for JSON answers); send it back in If-None-Match', schema: { type: 'string' } },
      CacheControl: { description: 'How long the answer may be reused', schema: { type: 'string' } },
      LastModified: { description: 'When the latest release was created', schema: { type: 'string' } },
      RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
    },
    securitySchemes: {
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A key bound to an approved grant (受限开放)' },
      bearer: { type: 'http', scheme: 'bearer', description: 'The same key as `Authorization: Bearer <key>`' },
    },
  };
}
