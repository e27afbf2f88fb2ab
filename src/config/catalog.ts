import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ErrorObject } from 'ajv';
import validateDataset from '../generated/dataset.validate.js';
import type { SourceConfig, DatasetConfig } from './catalog-types.js';
import { ConfigError } from './catalog-errors.js';
import { checkSourceDocument } from './source-validation.js';

export type { SourceConfig, DatasetConfig } from './catalog-types.js';
export { ConfigError } from './catalog-errors.js';
export { resolveSecretReferences } from './secret-refs.js';


function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`)
    .join('; ');
}

interface SchemaValidator<T> {
  (data: unknown): data is T;
  errors?: ErrorObject[] | null;
}

/** Validates one parsed document: the value, or the problems as "path: what is wrong". */
type DocumentCheck<T> = (data: unknown) => Promise<{ value: T; problems: [] } | { value?: undefined; problems: string[] }>;

const fromValidator =
  <T>(validate: SchemaValidator<T>): DocumentCheck<T> =>
  async (data) =>
    validate(data) ? { value: data, problems: [] } : { problems: [describe(validate.errors)] };

const checkSource: DocumentCheck<SourceConfig> = async (data) => {
  const { source, problems } = await checkSourceDocument(data);
  return source ? { value: source, problems: [] } : { problems };
};

const shownPath = (file: string): string => relative(process.cwd(), file) || file;

async function loadYamlFile<T>(file: string, check: DocumentCheck<T>, what: string): Promise<T> {
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${shownPath(file)}: not valid YAML: ${(error as Error).message}`);
  }
  const { value, problems } = await check(parsed);
  if (value === undefined) throw new ConfigError(`${shownPath(file)}: invalid ${what}:\n  ${problems.join('\n  ')}`);
  return value;
}

async function loadYamlDir<T extends { id: string }>(dir: string, check: DocumentCheck<T>, what: string): Promise<T[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  const items: T[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const shown = shownPath(file);
    const parsed = await loadYamlFile(file, check, what);
    const earlier = seen.get(parsed.id);
    if (earlier) throw new ConfigError(`${shown}: ${what} id "${parsed.id}" is already defined in ${earlier}`);
    seen.set(parsed.id, shown);
    items.push(parsed);
  }
  return items;
}

/** Every source definition in `dir` (the configuration's `catalogDirs.sources`). */
export function loadSources(dir: string): Promise<SourceConfig[]> {
  return loadYamlDir(dir, checkSource, 'source');
}

/** One source file, validated as `sources check` and the loader do. */
export function loadSourceFile(file: string): Promise<SourceConfig> {
  return loadYamlFile(file, checkSource, 'source');
}

export function loadDatasets(dir: string): Promise<DatasetConfig[]> {
  return loadYamlDir(dir, fromValidator(validateDataset), 'dataset');
}

/**
 * Resolves `${env:NAME}` references synchronously, for values that are not secrets (a base
 * URL); secrets may live in SSM or Secrets Manager and go through resolveSecretReferences.
 */
export function resolveReferences(value: string, owner: string, env: Readonly<Record<string, string>>): string {
  return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`${owner}: environment variable ${name} is referenced but not set`);
    }
    return resolved;
  });
}
