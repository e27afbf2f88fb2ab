import datasetSchema from '../../../schemas/dataset.schema.json' with { type: 'json' };
import { recordTypes } from '../../records/registry.js';
import { RELEASE_FORMATS } from '../release-formats.js';

/**
 * The response schemas of /openapi.json's components, as JSON Schema 2020-12 (OpenAPI 3.1's
 * own dialect). Route modules refer to them with `ref('Name')`; the repository's own
 * schemas (the dataset definition, each record type) are taken as they are, so the document
 * cannot drift from what is validated.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A schema from schemas/ without the keys that belong to a standalone document (its own dialect and id). */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema, $id, ...rest } = schema;
  void $schema;
  void $id;
  return rest;
}

const localized = (what: string): JsonSchema => ({
  type: 'object',
  description: `${what} in Chinese and English`,
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
});

const instant: JsonSchema = { type: 'string', format: 'date-time' };

/** Whether a release is the final state of its cycle (src/api/describe-dataset.ts releaseFinality). */
const FINALITY: Record<string, JsonSchema> = {
  provisional: { type: 'boolean', description: 'Cut while work for the dataset was still in flight: a final release follows and supersedes it' },
  provisionalReason: { type: 'string', description: 'Why it is provisional, e.g. "14 normalize messages in flight"' },
  supersededBy: { type: 'string', description: 'On a provisional release: the release that superseded it' },
};

const absoluteUrl: JsonSchema = { type: 'string', format: 'uri' };

/** A property of a dataset's definition, taken from schemas/dataset.schema.json itself (self-contained: no $ref inside). */
const configProperty = (name: string): JsonSchema => {
  const property = (embedded(datasetSchema).properties as Record<string, JsonSchema> | undefined)?.[name];
  if (property === undefined) throw new Error(`schemas/dataset.schema.json has no property "${name}"`);
  return property;
};

const ownSchemas = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; title and detail in Chinese and English',
    required: ['type', 'title', 'status', 'detail', 'instance'],
    properties: {
      type: { type: 'string', format: 'uri-reference' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      instance: { type: 'string', format: 'uri-reference' },
      correlationId: { type: 'string', description: 'Set on internal failures: quote it when reporting' },
      invalidParams: {
        type: 'array',
        items: { type: 'object', required: ['name', 'reason'], properties: { name: { type: 'string' }, reason: { type: 'string' } } },
      },
    },
  },
  LocalizedText: localized('A text'),
  ReleaseFile: {
    type: 'object',
    required: ['format', 'mediaType', 'bytes', 'sha256', 'url'],
    properties: {
      format: { type: 'string', enum: [...RELEASE_FORMATS] },
      mediaType: { type: 'string' },
      bytes: { type: 'integer', minimum: 0 },
      sha256: { type: 'string' },
      url: absoluteUrl,
      access: { type: 'string', enum: ['grant-required'], description: 'Set on a restricted dataset: served only under a grant' },
    },
  },
  Release: {
    type: 'object',
    required: ['id', 'createdAt', 'rowCount', 'category', 'files'],
    properties: {
      id: { type: 'string' },
      createdAt: instant,
      rowCount: { type: 'integer', minimum: 0 },
      category: { type: 'string', enum: ['open', 'restricted'] },
      files: { type: 'array', items: ref('ReleaseFile') },
      ...FINALITY,
    },
  },
  Dataset: {
    type: 'object',
    description: 'A dataset as the catalog shows it, with its latest release',
    required: ['id', 'title', 'description', 'category', 'categoryLabel', 'publisher', 'grade', 'latestRelease'],
    properties: {
      id: { type: 'string' },
      title: ref('LocalizedText'),
      description: ref('LocalizedText'),
      category: { type: 'string', enum: ['open', 'restricted'] },
      categoryLabel: { type: 'string', enum: ['无条件开放', '受限开放'] },
      publisher: { type: 'string' },
      // What the catalog repeats of a dataset's definition is described by the definition's own schema.
      contactPoint: configProperty('contactPoint'),
      license: configProperty('license'),
      theme: configProperty('theme'),
      subjectCategory: configProperty('subjectCategory'),
      updateFrequency: configProperty('updateFrequency'),
      keywords: configProperty('keywords'),
      recordType: configProperty('recordType'),
      grade: { type: 'string', enum: ['L1', 'L2', 'L3'], description: 'The highest grade of a released field' },
      latestRelease: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'createdAt', 'rowCount', 'files', 'quality'],
            properties: {
              id: { type: 'string' },
              createdAt: instant,
              rowCount: { type: 'integer', minimum: 0 },
              files: { type: 'array', items: ref('ReleaseFile') },
              quality: { type: ['object', 'null'], description: 'Completeness, validity and freshness as measured at release, and overdueNow' },
              ...FINALITY,
            },
          },
        ],
      },
      latestFinalRelease: {
        description: 'Present when the latest release is provisional: the newest final release (null when none), its files pinned to it',
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['id', 'createdAt', 'rowCount', 'files'],
            properties: {
              id: { type: 'string' },
              createdAt: instant,
              rowCount: { type: 'integer', minimum: 0 },
              files: { type: 'array', items: ref('ReleaseFile') },
            },
          },
        ],
      },
    },
  },
  DatasetPage: {
    type: 'object',
    required: ['count', 'datasets'],
    properties: {
      count: { type: 'integer', minimum: 0, description: 'How many datasets match, over all pages' },
      datasets: { type: 'array', items: ref('Dataset') },
      next: { ...absoluteUrl, description: 'The next page; absent on the last' },
    },
  },
  ReleasePage: {
    type: 'object',
    required: ['releases'],
    properties: { releases: { type: 'array', items: ref('Release') }, next: absoluteUrl },
  },
  RecordField: {
    type: 'object',
    required: ['id', 'type', 'title'],
    properties: { id: { type: 'string' }, type: { type: 'string' }, title: ref('LocalizedText') },
  },
  RecordPage: {
    type: 'object',
    required: ['release', 'fields', 'records'],
    properties: {
      release: { type: 'string' },
      fields: { type: 'array', items: ref('RecordField') },
      records: { type: 'array', items: { type: 'object' } },
      total: { type: 'integer', minimum: 0 },
      next: absoluteUrl,
    },
  },
  JsonWebKeySet: {
    type: 'object',
    description: 'RFC 7517 JWK set: the public Ed25519 keys feed signatures are verified with',
    required: ['keys'],
    properties: {
      keys: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kty', 'crv', 'x', 'kid'],
          properties: {
            kty: { const: 'OKP' },
            crv: { const: 'Ed25519' },
            x: { type: 'string' },
            kid: { type: 'string' },
            use: { const: 'sig' },
            alg: { const: 'EdDSA' },
            d: { not: {}, description: 'Never present: the private key is not published' },
          },
        },
      },
    },
  },
  OpenApiDocument: {
    type: 'object',
    description: 'An OpenAPI 3.1 document',
    required: ['openapi', 'info', 'paths'],
    properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } },
  },
} as const satisfies Record<string, JsonSchema>;

/** Record type schemas under their type's name in PascalCase: `enforcement-decision` → `EnforcementDecision`. */
export const recordSchemaName = (recordType: string): string =>
  recordType
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export type ComponentSchemaName = keyof typeof ownSchemas | 'DatasetConfig';

/** `{ $ref }` to a component schema, checked at compile time against the names defined here. */
export const schemaRef = (name: ComponentSchemaName): JsonSchema => ref(name);

/** Every component schema: the API's own, the dataset definition, and each record type. */
export function componentSchemas(): Record<string, JsonSchema> {
  const records = Object.entries(recordTypes).map(([name, type]) => [recordSchemaName(name), embedded(type.schema)] as const);
  return { ...ownSchemas, DatasetConfig: embedded(datasetSchema), ...Object.fromEntries(records) };
}
