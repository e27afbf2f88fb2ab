import type { Hono } from 'hono';
import { asyncApiDocument } from '../../feeds/asyncapi.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_METADATA } from '../http/conditional.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { problemResponses } from '../openapi/components.js';

export const asyncApiPaths: OpenApiPaths = {
  '/asyncapi.json': {
    get: {
      operationId: 'getAsyncApiDocument',
      summary: 'Feed description / 订阅推送说明',
      description:
        'The AsyncAPI 3.0 description of the pushed feeds (gazette, enforcement, yrd): their topics, every event type, the signed CloudEvents envelope and the data of each entity.',
      tags: ['feeds'],
      security: [{}],
      responses: {
        '200': {
          description: 'The AsyncAPI document',
          headers: { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' } },
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description: 'An AsyncAPI 3.0 document',
                required: ['asyncapi', 'info', 'channels', 'operations'],
                properties: { asyncapi: { type: 'string' }, info: { type: 'object' }, channels: { type: 'object' }, operations: { type: 'object' } },
              },
            },
          },
        },
        ...problemResponses(429, 500),
      },
    },
  },
};

/** /asyncapi.json, built once: it depends only on the feeds' definitions and the public base URL. */
export function registerAsyncApiRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  let document: Record<string, unknown> | undefined;
  app.get('/asyncapi.json', (c) => {
    document ??= asyncApiDocument(deps.publicBaseUrl);
    c.header('cache-control', CACHE_METADATA);
    return c.json(document);
  });
}
