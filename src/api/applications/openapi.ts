import requestSchema from '../../../schemas/application-request.schema.json' with { type: 'json' };
import type { OpenApiPaths } from '../openapi-paths.js';
import { problemResponses } from '../openapi/components.js';

const { $schema: _dialect, ...applicationRequest } = requestSchema;

const statusSchema = {
  type: 'object',
  required: ['id', 'status', 'datasetId', 'fields', 'period', 'submittedAt', 'statusUrl'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    datasetId: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    period: { type: 'object', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
    submittedAt: { type: 'string', format: 'date-time' },
    statusUrl: { type: 'string', format: 'uri' },
    decision: {
      description: 'Set once decided: when, and for a rejection why.',
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' }, reason: { type: 'string' } },
    },
    grant: {
      description: 'Set once approved. The API key itself is never shown here: the operator hands it over once.',
      type: 'object',
      properties: {
        keyId: { type: 'string', pattern: '^[0-9a-f]{16}$' },
        fields: { type: 'array', items: { type: 'string' } },
        expiresAt: { type: 'string', format: 'date-time' },
        quotaPerDay: { type: 'integer' },
        status: { type: 'string', enum: ['active', 'revoked'] },
      },
    },
  },
} as const;

const submitted = {
  type: 'object',
  required: ['id', 'status', 'submittedAt', 'statusUrl'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { const: 'pending' },
    submittedAt: { type: 'string', format: 'date-time' },
    statusUrl: { type: 'string', format: 'uri' },
  },
} as const;

/** POST /v1/applications and GET /v1/applications/{id}, as OpenAPI 3.1 path items. */
export const applicationPaths: OpenApiPaths = {
  '/v1/applications': {
    post: {
      operationId: 'submitApplication',
      summary: 'Apply for access to a restricted (受限开放) dataset',
      description: 'An operator reviews the application; when approved, the operator hands the applicant an API key bound to the grant.',
      tags: ['applications'],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: applicationRequest }, 'application/x-www-form-urlencoded': { schema: applicationRequest } },
      },
      responses: {
        '201': {
          description: 'Submitted: pending review',
          headers: { Location: { description: 'The status URL', schema: { type: 'string', format: 'uri' } } },
          content: { 'application/json': { schema: submitted } },
        },
        ...problemResponses(400, 429),
      },
    },
  },
  '/v1/applications/{id}': {
    get: {
      operationId: 'getApplication',
      summary: "An application's status",
      tags: ['applications'],
      parameters: [{ name: 'id', in: 'path', required: true, description: 'The id returned on submission', schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': { description: 'The application, without the applicant’s personal data', content: { 'application/json': { schema: statusSchema } } },
        ...problemResponses(404),
      },
    },
  },
};
