import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { changesHandler, CHANGES_LIMIT_DEFAULT, CHANGES_LIMIT_MAX } from '../records/changes-handler.js';
import { downloadHandler } from '../records/download-handler.js';
import { recordsHandler, RECORDS_LIMIT_DEFAULT, RECORDS_LIMIT_MAX } from '../records/records-handler.js';
import { RELEASE_FORMATS } from '../release-formats.js';
import { jsonOk, problemResponses } from '../openapi/components.js';

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: '数据集标识 / dataset id' };
const releaseParameter = { name: 'release', in: 'query', schema: { type: 'string' }, description: '历史版本 / a past release id (default: the latest)' };
const limit = (max: number, fallback: number) => ({ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: max, default: fallback } });
const cursorParameter = { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'the `next` link’s cursor' };
const refusals = problemResponses(400, 401, 403, 404, 429);

export const recordPaths: OpenApiPaths = {
  '/v1/datasets/{id}/records': {
    get: {
      operationId: 'listRecords',
      summary: '数据记录 / records of a release: equality filters (any other parameter is a field id), full-text q, sort, cursor paging',
      parameters: [
        idParameter,
        limit(RECORDS_LIMIT_MAX, RECORDS_LIMIT_DEFAULT),
        cursorParameter,
        { name: 'q', in: 'query', schema: { type: 'string' }, description: 'case-insensitive substring of any text field (Chinese included)' },
        { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'field ids separated by commas; -field sorts descending' },
        { name: 'fields', in: 'query', schema: { type: 'string' }, description: 'only these field ids, separated by commas' },
        { name: 'include_total', in: 'query', schema: { type: 'boolean' } },
        releaseParameter,
      ],
      responses: {
        '200': jsonOk('a page of records', 'RecordPage'),
        ...refusals,
      },
    },
  },
  '/v1/datasets/{id}/changes': {
    get: {
      operationId: 'listChanges',
      summary: '变更记录 / records added, changed and removed after a release or an instant, one entry per record',
      parameters: [
        idParameter,
        { name: 'since', in: 'query', required: true, schema: { type: 'string' }, description: 'a release id or an ISO 8601 instant' },
        limit(CHANGES_LIMIT_MAX, CHANGES_LIMIT_DEFAULT),
        cursorParameter,
      ],
      responses: {
        '200': {
          description: 'a page of changes; added and changed carry the record as released',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['since', 'latest', 'changes'],
                properties: {
                  since: { type: 'string' },
                  latest: { type: 'string' },
                  changes: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['change', 'recordId', 'release'],
                      properties: {
                        change: { enum: ['added', 'changed', 'removed'] },
                        recordId: { type: 'string' },
                        release: { type: 'string' },
                        reason: { type: 'string' },
                        record: { type: 'object' },
                      },
                    },
                  },
                  next: { type: 'string', format: 'uri' },
                },
              },
            },
          },
        },
        ...refusals,
      },
    },
  },
  '/v1/datasets/{id}/download': {
    get: {
      operationId: 'downloadRelease',
      summary: '下载 / a release file: streamed with byte ranges, or a redirect to a presigned URL',
      parameters: [idParameter, { name: 'format', in: 'query', schema: { enum: [...RELEASE_FORMATS], default: 'csv' } }, releaseParameter],
      responses: {
        '200': { description: 'the file' },
        '206': { description: 'the requested byte range' },
        '302': { description: 'the file at a presigned URL' },
        '304': { description: 'not modified' },
        ...problemResponses(416),
        ...refusals,
      },
    },
  },
};

/** A dataset's rows: records, changes and downloads of its releases. */
export function registerRecordRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/v1/datasets/:id/records', (c) => recordsHandler(c, deps));
  app.get('/v1/datasets/:id/changes', (c) => changesHandler(c, deps));
  app.get('/v1/datasets/:id/download', (c) => downloadHandler(c, deps));
}
