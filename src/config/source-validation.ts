import type { ErrorObject } from 'ajv';
import validateSource from '../generated/source.validate.js';
import type { SourceConfig } from '../generated/source.types.js';
import { fieldMapProblems } from '../mapping/field-map-check.js';
import { mappingOf } from '../mapping/source-mapping.js';
import { describeSchemaErrors } from './schema-errors.js';

export const SOURCE_KINDS = { 'http-json': 'httpJsonSource', sql: 'sqlSource', 'file-drop': 'fileDropSource' } as const;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The generated validator decides; when it refuses, the variant the author chose (by
 * `kind`) is validated again on its own, so the problems listed are that variant's and
 * not the union's. Compiling happens only on this error path, never at a cold start.
 */
async function variantErrors(data: Record<string, unknown>, kind: keyof typeof SOURCE_KINDS): Promise<readonly ErrorObject[]> {
  const [{ Ajv2020 }, { default: schema }] = await Promise.all([
    import('ajv/dist/2020.js'),
    import('../../schemas/source.schema.json', { with: { type: 'json' } }),
  ]);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  const validate = ajv.compile({ $ref: `${schema.$id}#/$defs/${SOURCE_KINDS[kind]}` });
  validate(data);
  return validate.errors ?? [];
}

/** Rules the schema cannot say: names that end up inside SQL must be plain identifiers; a field map's options must fit together. */
function crossFieldProblems(source: SourceConfig): string[] {
  const problems: string[] = [];
  if (source.kind === 'sql' && !IDENTIFIER.test(source.primaryKey ?? 'id')) {
    problems.push("/primaryKey: a SQL source's primary key must be a plain column name");
  }
  if (source.kind === 'http-json' && source.connection.incremental && source.connection.pagination.kind === 'cursor') {
    problems.push('/connection/incremental: cursor pagination is incremental by its own token; drop "incremental"');
  }
  problems.push(...fieldMapProblems(source.mapping).map((problem) => `/mapping: ${problem}`));
  return problems;
}

/** The source if valid, else every problem as "path: what is wrong". */
export async function checkSourceDocument(data: unknown): Promise<{ source: SourceConfig; problems: [] } | { source?: undefined; problems: string[] }> {
  if (validateSource(data)) {
    const problems = crossFieldProblems(data);
    if (problems.length > 0) return { problems };
    // Compiled with the catalog, so a source that loads is a source normalize can map.
    mappingOf(data);
    return { source: data, problems: [] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problems: ['/: a source must be a YAML mapping'] };
  const record = data as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(SOURCE_KINDS, kind)) {
    return {
      problems: [
        `/kind: must be one of ${Object.keys(SOURCE_KINDS)
          .map((k) => JSON.stringify(k))
          .join(', ')}${kind === undefined ? '' : `; got ${JSON.stringify(kind)}`}`,
      ],
    };
  }
  return { problems: describeSchemaErrors(await variantErrors(record, kind as keyof typeof SOURCE_KINDS)) };
}
