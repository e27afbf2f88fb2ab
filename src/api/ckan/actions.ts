import type { Context } from 'hono';
import { auditRead, authorizeRead } from '../access.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { ckanCatalog } from './catalog.js';
import { datastoreParams } from './datastore-params.js';
import { datastoreSearch } from './datastore-search.js';
import { CkanAuthorizationError, CkanNotFound } from './envelope.js';
import { ACTION_DOCS, helpText } from './openapi.js';
import { packageSearch } from './package-search.js';
import { naturalNumberParam, refuseUnknown, requiredString, stringParam, type DataDict } from './params.js';

/** One action: the data_dict in, the envelope's `result` out; a CkanError becomes the error envelope. */
export type CkanAction = (c: Context<ApiEnv>, data: DataDict) => Promise<unknown>;

/** The CKAN release whose Action API this one answers like (status_show's ckan_version). */
export const CKAN_COMPATIBLE_VERSION = '2.10.10';

const SITE = {
  title: '同源开放数据 / tongyuan open data',
  description:
    '公共数据开放平台：无条件开放数据可直接下载与查询，受限开放数据经申请授权后访问 / Public data: open datasets to download and query, restricted ones under an approved grant',
};

export function ckanActions(deps: ApiDeps): Readonly<Record<string, CkanAction>> {
  const catalog = ckanCatalog(deps);
  const now = () => (deps.now ?? (() => new Date()))();
  const mustFind = async (id: string) => {
    const found = await catalog.find(id);
    if (!found) throw new CkanNotFound('');
    return found;
  };

  return {
    status_show: async (_c, data) => {
      refuseUnknown(data, []);
      return {
        site_title: SITE.title,
        site_description: SITE.description,
        site_url: deps.publicBaseUrl,
        error_emails_to: null,
        locale_default: 'zh_Hans_CN',
        extensions: ['datastore'],
        ckan_version: CKAN_COMPATIBLE_VERSION,
      };
    },

    package_list: async (_c, data) => {
      refuseUnknown(data, ['limit', 'offset']);
      const limit = naturalNumberParam(data, 'limit');
      const offset = naturalNumberParam(data, 'offset') ?? 0;
      const names = (await deps.datasets()).map((d) => d.id).sort();
      // As CKAN: offset and limit apply only when given (a limit of 0 means none).
      return names.slice(offset, limit ? offset + limit : undefined);
    },

    package_search: async (_c, data) =>
      packageSearch(
        (await catalog.packages()).map((p) => p.package),
        data,
        now(),
      ),

    package_show: async (_c, data) => {
      refuseUnknown(data, ['id', 'name_or_id', 'use_default_schema', 'include_plugin_data', 'include_tracking']);
      const id = stringParam(data, 'id') || requiredString(data, 'name_or_id');
      return (await mustFind(id)).package;
    },

    resource_show: async (_c, data) => {
      refuseUnknown(data, ['id', 'include_tracking']);
      const id = requiredString(data, 'id');
      for (const { package: pkg } of await catalog.packages()) {
        const resource = pkg.resources.find((r) => r.id === id);
        if (resource) return resource;
      }
      throw new CkanNotFound('');
    },

    datastore_search: async (c, data) => {
      const params = datastoreParams(data);
      const target = (await catalog.packages()).find(({ package: pkg }) => pkg.resources.some((r) => r.id === params.resourceId && r.datastore_active));
      if (!target?.source.latest) throw new CkanNotFound(`Resource "${params.resourceId}" was not found.`);
      const { dataset, category, latest } = target.source;
      const read = authorizeRead(c, dataset, category, now());
      if (!read.ok)
        throw new CkanAuthorizationError(
          `数据集“${dataset.title.zh}”为受限开放数据，须经审批授权方可访问 / dataset "${dataset.id}" is restricted (受限开放): its rows are served only under an approved grant`,
        );
      const result = await datastoreSearch(deps.records, { dataset, release: latest, ...(read.fields ? { allowed: read.fields } : {}) }, params);
      await auditRead(c, { datasetId: dataset.id, route: 'datastore_search', fields: result.served, rows: result.rowCount });
      return {
        include_total: params.includeTotal,
        limit: params.limit,
        records_format: params.recordsFormat,
        resource_id: params.resourceId,
        total_estimation_threshold: null,
        ...echoed(data),
        fields: result.fields,
        records: result.records,
        _links: links(deps.publicBaseUrl, data, params.offset, params.limit),
        ...(result.total !== undefined ? { total: result.total, total_was_estimated: false } : {}),
      };
    },

    help_show: async (_c, data) => {
      refuseUnknown(data, ['name']);
      const doc = ACTION_DOCS[requiredString(data, 'name')];
      if (!doc) throw new CkanNotFound('Action function not found');
      return helpText(doc);
    },
  };
}

/** CKAN returns the validated data_dict with the result: the query's own parameters are echoed. */
function echoed(data: DataDict): Record<string, unknown> {
  const keys = ['q', 'filters', 'offset', 'sort', 'fields'];
  return Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, k === 'offset' ? Number(data[k]) : data[k]]));
}

/**
 * `_links` as ckanext-datastore builds them (start without offset, next at offset + limit, prev
 * when offset − limit > 0), absolute on the public base URL; a POST body's parameters are
 * carried into the query string, JSON values as JSON text, so the link repeats the query.
 */
function links(base: string, data: DataDict, offset: number, limit: number) {
  const at = (page: number | undefined) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(data)) {
      if (key === 'offset') continue;
      for (const item of Array.isArray(value) && key !== 'fields' && key !== 'sort' ? value : [value])
        query.append(key, typeof item === 'string' ? item : Array.isArray(item) ? item.join(',') : JSON.stringify(item));
    }
    if (page !== undefined) query.set('offset', String(page));
    return `${base}/api/3/action/datastore_search?${query.toString()}`;
  };
  return { start: at(undefined), next: at(offset + limit), ...(offset - limit > 0 ? { prev: at(offset - limit) } : {}) };
}
