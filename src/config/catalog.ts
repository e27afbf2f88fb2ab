import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import validateDataset from '../generated/dataset.validate.js';
import type { SourceConfig, DatasetConfig } from './catalog-types.js';
import { ConfigError, describeFileProblem, type FileProblem, type LoadedDefinitions } from './catalog-errors.js';
import { describeSchemaErrors } from './schema-errors.js';
import { checkSourceDocument } from './source-validation.js';
import { checkDatasetGrades } from '../grading/check.js';

export type { SourceConfig, DatasetConfig } from './catalog-types.js';
export { ConfigError, describeFileProblem, type FileProblem, type LoadedDefinitions } from './catalog-errors.js';
export { resolveSecretReferences } from './secret-refs.js';

/** Validates one parsed document: the value, or the problems as "path: what is wrong". */
export type DocumentCheck<T> = (data: unknown) => Promise<{ value: T; problems: [] } | { value?: undefined; problems: string[] }>;

const checkSource: DocumentCheck<SourceConfig> = async (data) => {
  const { source, problems } = await checkSourceDocument(data);
  return source ? { value: source, problems: [] } : { problems };
};

/**
 * The schema first; then what it cannot see: fields and grades against the record type's
 * schema (an L4 field, a lowered grade, unmasked personal information), each problem naming
 * the field, so a dataset that could not be published is refused when it is loaded.
 */
const checkDataset: DocumentCheck<DatasetConfig> = async (data) => {
  if (!validateDataset(data)) return { problems: describeSchemaErrors(validateDataset.errors) };
  const problems = checkDatasetGrades(data);
  return problems.length === 0 ? { value: data, problems: [] } : { problems };
};

const shownPath = (file: string): string => relative(process.cwd(), file) || file;

type FileOutcome<T> = { value: T; problem?: undefined } | { value?: undefined; problem: FileProblem };

export async function readYamlFile<T>(file: string, check: DocumentCheck<T>, what: string): Promise<FileOutcome<T>> {
  const shown = shownPath(file);
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    // yaml's message names line and column on its first line; the rest is a code frame.
    return { problem: { file: shown, what, problems: [`/: not valid YAML: ${(error as Error).message.split('\n')[0]}`] } };
  }
  const { value, problems } = await check(parsed);
  return value === undefined ? { problem: { file: shown, what, problems } } : { value };
}

/**
 * Every definition in a folder that is valid on its own and has an id no other file
 * claims; each other file becomes a problem, so one bad file never hides the rest.
 */
export async function loadYamlDir<T extends { id: string }>(dir: string, check: DocumentCheck<T>, what: string): Promise<LoadedDefinitions<T>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  const outcomes = await Promise.all(names.map(async (name) => ({ file: shownPath(join(dir, name)), ...(await readYamlFile(join(dir, name), check, what)) })));
  const filesById = new Map<string, string[]>();
  for (const { file, value } of outcomes) if (value) filesById.set(value.id, [...(filesById.get(value.id) ?? []), file]);
  const valid: T[] = [];
  const problems: FileProblem[] = [];
  for (const { file, value, problem } of outcomes) {
    if (problem) {
      problems.push(problem);
      continue;
    }
    const others = filesById.get(value.id)!.filter((f) => f !== file);
    // Neither file wins a duplicate id: which one is meant is the author's call, not the sort order's.
    if (others.length > 0) problems.push({ file, what, problems: [`/id: ${what} id "${value.id}" is also defined in ${others.join(', ')}`] });
    else valid.push(value);
  }
  return { valid, problems };
}

/** The valid sources of a folder, and the files refused with why. */
export function loadSources(dir: string): Promise<LoadedDefinitions<SourceConfig>> {
  return loadYamlDir(dir, checkSource, 'source');
}

/** One source file, validated as `sources check` and the loader do; throws a ConfigError naming every problem. */
export async function loadSourceFile(file: string): Promise<SourceConfig> {
  const { value, problem } = await readYamlFile(file, checkSource, 'source');
  if (problem) throw new ConfigError(describeFileProblem(problem));
  return value;
}

/** The valid datasets of a folder, and the files refused with why. */
export function loadDatasets(dir: string): Promise<LoadedDefinitions<DatasetConfig>> {
  return loadYamlDir(dir, checkDataset, 'dataset');
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
