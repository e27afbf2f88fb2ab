/**
 * An OpenAPI 3.1 Paths Object fragment: each route module exports the paths it serves, and
 * /openapi.json assembles them (src/api/openapi/assemble.ts), refusing a fragment that would
 * not lint clean. A path item must look like this:
 *
 * - keys are OpenAPI paths with `{name}` parameters (`/v1/datasets/{id}/records`, never hono's
 *   `:id`); no two modules describe the same path and method;
 * - each operation has a unique `operationId` (camelCase verb first: `listDatasets`), a
 *   `summary` (English / 中文), usually a `description` and `tags` (one word: `catalog`,
 *   `records`, `ckan`, `dcat`, `search`, `access`, `portal`, `meta`), and `responses` with at
 *   least one 2xx or 3xx;
 * - every `{name}` in the path is declared as an `in: path`, `required: true` parameter (or
 *   by `parameterRef('datasetId')`, which declares `id`);
 * - JSON bodies refer to component schemas with `jsonOk(description, 'Name')` or
 *   `schemaRef('Name')` (src/api/openapi/schemas.ts: Problem, Dataset, DatasetPage, Release,
 *   ReleasePage, RecordField, RecordPage, JsonWebKeySet, DatasetConfig, and each record type
 *   as `EnforcementDecision`, …); add a schema there rather than inline a large one;
 * - errors are `...problemResponses(400, 404, 429)` (src/api/openapi/components.ts);
 * - shared parameters are `parameterRef('limit' | 'cursor' | 'datasetId')`.
 *
 * test/unit/api/openapi.test.ts lints the assembled document with Redocly and expects no error.
 */
export type OpenApiPaths = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
