import type { OpenApiPaths } from '../openapi-paths.js';
import { jsonOk, parameterRef, problemResponses } from './components.js';

const lastModified = { 'Last-Modified': { $ref: '#/components/headers/LastModified' } };

/** The catalog's path items: /v1/datasets, one dataset, its releases. */
export const datasetOpenApiPaths: OpenApiPaths = {
  '/v1/datasets': {
    get: {
      operationId: 'listDatasets',
      summary: 'List datasets / 数据集目录',
      description: 'Every published dataset, searched by `q` and filtered by theme and category, a page at a time.',
      tags: ['catalog'],
      parameters: [
        {
          name: 'q',
          in: 'query',
          description: 'Words every match contains in its title, description, keywords, publisher or id (Chinese substrings match)',
          schema: { type: 'string' },
        },
        {
          name: 'theme',
          in: 'query',
          description: 'EU data theme code',
          schema: { type: 'string', enum: ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'] },
        },
        { name: 'category', in: 'query', description: '无条件开放 (open) or 受限开放 (restricted)', schema: { type: 'string', enum: ['open', 'restricted'] } },
        parameterRef('limit'),
        parameterRef('cursor'),
      ],
      responses: { '200': jsonOk('A page of the catalog', 'DatasetPage'), ...problemResponses(400, 429, 500) },
    },
  },
  '/v1/datasets/{id}': {
    get: {
      operationId: 'getDataset',
      summary: 'One dataset / 数据集详情',
      description: 'What the dataset is, its grade and category, and its latest release with every file and its quality.',
      tags: ['catalog'],
      parameters: [parameterRef('datasetId')],
      responses: {
        '200': jsonOk('The dataset', 'Dataset', lastModified),
        '304': { description: 'Unchanged since the ETag or date sent' },
        ...problemResponses(400, 404, 429, 500),
      },
    },
  },
  '/v1/datasets/{id}/releases': {
    get: {
      operationId: 'listDatasetReleases',
      summary: 'A dataset’s releases / 数据集历史版本',
      description: 'Every release of the dataset, newest first, each with its files (download links pinned to the release).',
      tags: ['catalog'],
      parameters: [parameterRef('datasetId'), parameterRef('limit'), parameterRef('cursor')],
      responses: {
        '200': jsonOk('A page of releases', 'ReleasePage', lastModified),
        '304': { description: 'Unchanged since the ETag or date sent' },
        ...problemResponses(400, 404, 429, 500),
      },
    },
  },
};
