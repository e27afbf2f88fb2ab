import type { OpenApiPaths } from '../openapi-paths.js';
import { PER_PAGE_DEFAULT, PER_PAGE_MAX } from './catalog-query.js';
import { problemResponses } from '../openapi/components.js';

/** The OpenAPI 3.1 path items of the DCAT routes. */
const PAGING_PARAMETERS = [
  {
    name: 'page',
    in: 'query',
    required: false,
    description: '页码（从 1 起）/ the page, from 1; the Hydra view links the first, previous, next and last page',
    schema: { type: 'integer', minimum: 1, default: 1 },
  },
  {
    name: 'per_page',
    in: 'query',
    required: false,
    description: '每页数据集数 / datasets per page',
    schema: { type: 'integer', minimum: 1, maximum: PER_PAGE_MAX, default: PER_PAGE_DEFAULT },
  },
  {
    name: 'modified_since',
    in: 'query',
    required: false,
    description: '仅列出最新版本晚于此时刻的数据集 / only datasets whose latest release is newer than this instant (RFC 3339, with an offset)',
    schema: { type: 'string', format: 'date-time' },
    example: '2026-12-01T00:00:00Z',
  },
];

const VALIDATORS = {
  ETag: { description: '表示的实体标签 / the representation’s entity tag', schema: { type: 'string' } },
  'Last-Modified': { description: '所列数据集最新版本的时间 / when the newest listed release was created', schema: { type: 'string' } },
};

function catalogOperation(operationId: string, summary: string, mediaType: string, schema: Record<string, unknown>) {
  return {
    get: {
      operationId,
      summary,
      tags: ['DCAT'],
      parameters: PAGING_PARAMETERS,
      responses: {
        '200': { description: 'DCAT-AP 3.0 目录的一页 / one page of the DCAT-AP 3.0 catalog', headers: VALIDATORS, content: { [mediaType]: { schema } } },
        '304': { description: '未修改（If-None-Match 命中）/ not modified (If-None-Match matched)', headers: { ETag: VALIDATORS.ETag } },
        ...problemResponses(400),
      },
    },
  };
}

export const dcatPaths: OpenApiPaths = {
  '/catalog.jsonld': catalogOperation('getDcatCatalogJsonLd', 'DCAT-AP 3.0 catalog as JSON-LD', 'application/ld+json', {
    type: 'object',
    required: ['@context', '@graph'],
    properties: { '@context': { type: 'object' }, '@graph': { type: 'array', items: { type: 'object' } } },
  }),
  '/catalog.ttl': catalogOperation('getDcatCatalogTurtle', 'DCAT-AP 3.0 catalog as Turtle', 'text/turtle', { type: 'string' }),
  '/data.json': {
    get: {
      operationId: 'getDcatUsDataJson',
      summary: 'DCAT-US 1.1 (Project Open Data v1.1) catalog',
      tags: ['DCAT'],
      parameters: [],
      responses: {
        '200': {
          description: '已发布数据集的 DCAT-US 1.1 目录 / the DCAT-US 1.1 catalog of released datasets',
          headers: { 'Last-Modified': VALIDATORS['Last-Modified'] },
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['conformsTo', 'dataset'],
                properties: {
                  conformsTo: { const: 'https://project-open-data.cio.gov/v1.1/schema' },
                  describedBy: { type: 'string', format: 'uri' },
                  dataset: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['title', 'description', 'identifier', 'accessLevel'],
                      properties: {
                        title: { type: 'string' },
                        description: { type: 'string' },
                        identifier: { type: 'string' },
                        accessLevel: { enum: ['public', 'restricted public', 'non-public'] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        ...problemResponses(400),
      },
    },
  },
};
