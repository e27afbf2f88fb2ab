import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { ErrorObject } from 'ajv';
import validateSource from '../generated/source.validate.js';
import validateDataset from '../generated/dataset.validate.js';
import type { SourceConfig, DatasetConfig } from './catalog-types.js';

export type { SourceConfig, DatasetConfig } from './catalog-types.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where source and dataset definitions live; Lambda bundles copy them next to the handler. */
export function catalogDirs(): { sources: string; datasets: string } {
  return {
    sources: process.env.TONGYUAN_SOURCES_DIR ?? join(repoRoot, 'sources'),
    datasets: process.env.TONGYUAN_DATASETS_DIR ?? join(repoRoot, 'datasets'),
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`)
    .join('; ');
}

interface SchemaValidator<T> {
  (data: unknown): data is T;
  errors?: ErrorObject[] | null;
}

async function loadYamlDir<T extends { id: string }>(dir: string, validate: SchemaValidator<T>, what: string): Promise<T[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  const items: T[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const shown = relative(process.cwd(), file) || file;
    let parsed: unknown;
    try {
      parsed = parseYaml(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${shown}: not valid YAML: ${(error as Error).message}`);
    }
    if (!validate(parsed)) throw new ConfigError(`${shown}: invalid ${what}: ${describe(validate.errors)}`);
    const earlier = seen.get(parsed.id);
    if (earlier) throw new ConfigError(`${shown}: ${what} id "${parsed.id}" is already defined in ${earlier}`);
    seen.set(parsed.id, shown);
    items.push(parsed);
  }
  return items;
}

export function loadSources(dir = catalogDirs().sources): Promise<SourceConfig[]> {
  return loadYamlDir(dir, validateSource, 'source');
}

export function loadDatasets(dir = catalogDirs().datasets): Promise<DatasetConfig[]> {
  return loadYamlDir(dir, validateDataset, 'dataset');
}

/** Resolves `${env:NAME}` references when a value is used, so a missing secret names its source. */
export function resolveReferences(value: string, owner: string): string {
  return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const resolved = process.env[name];
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`${owner}: environment variable ${name} is referenced but not set`);
    }
    return resolved;
  });
}
