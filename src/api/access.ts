import type { Context } from 'hono';
import type { DatasetConfig } from '../config/catalog.js';
import type { DatasetCategory } from '../publish/release.js';
import type { Grant } from '../ports/grant-store.js';
import type { ApiEnv } from './deps.js';
import { problemResponse } from './problem.js';

/** Who is calling the API. */
export type Caller =
  | {
      readonly kind: 'anonymous';
      /** The client's address, for the anonymous rate limit. */
      readonly clientId: string;
    }
  | {
      readonly kind: 'key';
      /** The key's public id (never the key itself), as audited. */
      readonly keyId: string;
      readonly grant: Grant;
    };

/** May this caller read this dataset's rows, and which fields of them. */
export type DatasetRead =
  | {
      readonly ok: true;
      /** The fields a grant allows, in the dataset's order; undefined means every released field. */
      readonly fields?: readonly string[];
      readonly grant?: Grant;
    }
  | { readonly ok: false; readonly response: Response };

/**
 * The one decision every route that serves rows (records, downloads, changes, CKAN's
 * datastore_search, search) takes before it reads anything: an open dataset is anyone's; a
 * restricted one (受限开放) only a valid grant's, and then only the granted fields.
 */
export function authorizeRead(c: Context<ApiEnv>, dataset: DatasetConfig, category: DatasetCategory, now: Date): DatasetRead {
  if (category === 'open') return { ok: true };
  const caller = c.get('caller');
  if (caller?.kind === 'key' && caller.grant.datasetId === dataset.id && caller.grant.status === 'active' && new Date(caller.grant.expiresAt) > now)
    return { ok: true, fields: dataset.fields.filter((f) => caller.grant.fields.includes(f)), grant: caller.grant };
  return {
    ok: false,
    response: problemResponse(c, 403, {
      zh: `数据集“${dataset.title.zh}”为受限开放数据，须经审批授权方可访问`,
      en: `dataset "${dataset.id}" is restricted (受限开放): its rows are served only under an approved grant`,
    }),
  };
}

/** What a grant holder was served, for the audit trail. */
export interface ReadServed {
  readonly datasetId: string;
  /** The route that served it (`records`, `download`, `changes`, `datastore_search`, …). */
  readonly route: string;
  readonly fields: readonly string[];
  readonly rows: number;
}

/**
 * Records a grant holder's read (key, dataset, fields, rows, time) after it was served; an
 * anonymous read of open data is not audited. The grants change wires the audit store.
 */
export async function auditRead(c: Context<ApiEnv>, served: ReadServed): Promise<void> {
  void c;
  void served;
}
