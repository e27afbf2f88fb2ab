/** What the record routes share: query parameters checked one way, the release a request names, who may read it. */
import type { Context } from 'hono';
import type { DatasetConfig } from '../../config/catalog.js';
import type { DatasetCategory, ReleasePointer } from '../../publish/release.js';
import { authorizeRead, type DatasetRead } from '../access.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { invalidParameter, problemResponse } from '../problem.js';
import { findRelease } from './release-lookup.js';
import { servedCategory } from '../dataset-category.js';

/** The parameter not in `known` (and, when given, not a field), or undefined. */
export function unknownParameter(c: Context, known: readonly string[]): string | undefined {
  return Object.keys(c.req.queries()).find((name) => !known.includes(name));
}

/**
 * The first of `single` given more than once, or undefined: `sort=a&sort=b` must not be read as
 * whichever one the framework hands back first.
 */
export function repeatedParameter(c: Context, single: readonly string[]): string | undefined {
  const given = c.req.queries();
  return single.find((name) => (given[name]?.length ?? 0) > 1);
}

/** A whole number in [min, max], or the 400 naming `name`. */
export function boundedInteger(c: Context, name: string, min: number, max: number, fallback: number): number | Response {
  const text = c.req.query(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) return invalidParameter(c, name, `must be a whole number from ${min} to ${max}; got "${text}"`);
  return value;
}

export interface ReadableRelease {
  readonly dataset: DatasetConfig;
  readonly release: ReleasePointer;
  readonly access: Extract<DatasetRead, { ok: true }>;
  readonly category: DatasetCategory;
}

/**
 * The dataset, its release (latest or `release=`) and the caller's read of it; a response when
 * any is missing or refused. 就高从严: a release built as restricted is restricted even if the
 * dataset is open now.
 */
export async function readableRelease(c: Context<ApiEnv>, deps: ApiDeps, releaseId?: string): Promise<ReadableRelease | Response> {
  const id = c.req.param('id') ?? '';
  const dataset = (await deps.datasets()).find((d) => d.id === id);
  if (!dataset) return problemResponse(c, 404, `no dataset "${id}"`);
  const release = await findRelease(deps, id, releaseId);
  const category = servedCategory(deps, dataset, release);
  // Refused before saying whether the release exists: a stranger learns nothing of restricted data.
  const access = authorizeRead(c, dataset, category, (deps.now ?? (() => new Date()))());
  if (!access.ok) return access.response;
  if (!release)
    return problemResponse(c, 404, releaseId === undefined ? `dataset "${id}" has no release yet` : `dataset "${id}" has no release "${releaseId}"`);
  return { dataset, release, access, category };
}
