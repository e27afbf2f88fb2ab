import type { Context } from 'hono';
import type { DatasetConfig } from '../config/catalog.js';
import type { DatasetCategory } from '../publish/release.js';
import type { Grant } from '../ports/grant-store.js';
import type { ApiEnv } from './deps.js';
import { problemResponse, type Bilingual } from './problem.js';

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
 * restricted one (受限开放) only a valid grant's for that very dataset, and then only the granted
 * fields that the dataset still releases, in the dataset's order. A bad key never reaches here:
 * the caller middleware has refused it (401/403) on every route.
 */
export function authorizeRead(c: Context<ApiEnv>, dataset: DatasetConfig, category: DatasetCategory, now: Date): DatasetRead {
  if (category === 'open') return { ok: true };
  const caller = c.get('caller');
  if (caller?.kind !== 'key')
    return refuse(c, {
      zh: `数据集“${dataset.title.zh}”为受限开放数据，须经审批授权方可访问`,
      en: `dataset "${dataset.id}" is restricted (受限开放): its rows are served only under an approved grant`,
    });
  const { grant } = caller;
  if (grant.datasetId !== dataset.id)
    return refuse(c, {
      zh: `该密钥的授权仅限数据集“${grant.datasetId}”，不含受限开放数据集“${dataset.id}”`,
      en: `this key's grant is for dataset "${grant.datasetId}", not for the restricted dataset "${dataset.id}"`,
    });
  if (grant.status !== 'active' || new Date(grant.expiresAt) <= now)
    return refuse(c, { zh: '该密钥的授权已失效', en: "this key's grant is no longer valid (revoked or expired)" });
  const fields = dataset.fields.filter((f) => grant.fields.includes(f));
  if (fields.length === 0)
    return refuse(c, {
      zh: `数据集“${dataset.id}”已不再发布该授权的任何字段`,
      en: `dataset "${dataset.id}" no longer releases any of the fields this key's grant allows`,
    });
  return { ok: true, fields, grant };
}

const refuse = (c: Context<ApiEnv>, detail: Bilingual): DatasetRead => ({ ok: false, response: problemResponse(c, 403, detail) });

/** What a grant holder was served, for the audit trail. */
export interface ReadServed {
  readonly datasetId: string;
  /** The route that served it (`records`, `download`, `changes`, `datastore_search`, …). */
  readonly route: string;
  readonly fields: readonly string[];
  readonly rows: number;
}

/**
 * Notes what a key holder was served (dataset, fields, rows); the caller middleware writes the
 * audit entry (key, grant, route, time, status) once the answer is ready and before it leaves,
 * so a keyed read whose audit cannot be written fails instead of going unrecorded. An anonymous
 * read of open data is not audited.
 */
export async function auditRead(c: Context<ApiEnv>, served: ReadServed): Promise<void> {
  if (c.get('caller')?.kind !== 'key') return;
  c.set('served', [...(c.get('served') ?? []), served]);
}
