import type { OpenApiPaths } from '../openapi-paths.js';

type ParamType = 'string' | 'integer' | 'boolean';

/** One parameter of an action: in the query string for GET, a property of the JSON body for POST. */
interface ActionParam {
  readonly name: string;
  readonly type: ParamType;
  readonly description: string;
  readonly required?: boolean;
}

/** What help_show says of each action, and what /openapi.json documents. */
export interface ActionDoc {
  readonly summary: string;
  readonly params: readonly ActionParam[];
}

const str = (name: string, description: string, required = false): ActionParam => ({ name, type: 'string', description, required });
const int = (name: string, description: string): ActionParam => ({ name, type: 'integer', description });
const bool = (name: string, description: string): ActionParam => ({ name, type: 'boolean', description });

export const ACTION_DOCS: Readonly<Record<string, ActionDoc>> = {
  status_show: { summary: 'The site: CKAN version it is compatible with, URL, title, description and extensions.', params: [] },
  package_list: {
    summary: 'The names of every dataset, in name order.',
    params: [int('limit', 'At most this many names.'), int('offset', 'Names to skip (with limit).')],
  },
  package_search: {
    summary: "Searches datasets with a subset of CKAN's Solr syntax; restricted datasets are listed (their metadata is public).",
    params: [
      str('q', 'Words (every one must match title, notes, tags, organization…; Chinese substrings match), or field:value clauses.'),
      str(
        'fq',
        'Filter: field:value clauses (organization, tags, res_format, groups, license_id, category, extras_*, metadata_modified:[from TO to]), +/-, AND/OR.',
      ),
      str('fq_list', 'More filters, as a JSON list of strings.'),
      str(
        'sort',
        'Comma-separated "field asc|desc": score, metadata_modified, metadata_created, name, id, title_string, num_resources, num_tags. Default "score desc, metadata_modified desc".',
      ),
      int('rows', 'Datasets per page, default 10, at most 1000 (a larger value is lowered to 1000, as CKAN does).'),
      int('start', 'Datasets to skip.'),
      str('facet.field', 'JSON list of fields to count values of (tags, organization, groups, res_format, license_id, category, …).'),
      int('facet.limit', 'Values per facet, default 50; negative for all.'),
      int('facet.mincount', 'Smallest count a facet value needs, default 1.'),
      str('fl', 'Only these keys of each dataset (space- or comma-separated).'),
    ],
  },
  package_show: {
    summary: 'One dataset with its resources (one per download format of the latest release).',
    params: [str('id', 'The dataset id or name.', true)],
  },
  resource_show: { summary: 'One resource (a download format of a dataset).', params: [str('id', 'The resource id.', true)] },
  datastore_search: {
    summary:
      "Rows of a dataset's latest release through its datastore resource (the one with datastore_active). Restricted datasets need a key whose grant covers the dataset; only the granted fields are served.",
    params: [
      str('resource_id', 'The datastore resource id.', true),
      str('filters', 'JSON object of field → value or list of values (equality).'),
      str('q', 'Text searched in every field, or a JSON object of field → text.'),
      int('limit', 'Rows per page, default 100, at most 1000 (CKAN allows 32000; a larger value is lowered to 1000).'),
      int('offset', 'Rows to skip.'),
      str('sort', 'Comma-separated "field asc|desc".'),
      str('fields', 'Comma-separated field ids to return (_id is the row number).'),
      bool('include_total', 'Count every matching row (default true).'),
      str('records_format', 'objects (default), lists, csv or tsv.'),
    ],
  },
  help_show: { summary: "An action's documentation.", params: [str('name', 'The action name.', true)] },
};

const envelope = (result: Record<string, unknown>) => ({
  type: 'object',
  required: ['help', 'success', 'result'],
  properties: { help: { type: 'string', format: 'uri' }, success: { const: true }, result },
});

const errorEnvelope = {
  type: 'object',
  required: ['help', 'success', 'error'],
  properties: {
    help: { type: 'string', format: 'uri' },
    success: { const: false },
    error: {
      type: 'object',
      required: ['__type'],
      properties: {
        __type: { enum: ['Validation Error', 'Not Found Error', 'Authorization Error', 'Search Query Error', 'Internal Server Error'] },
        message: { type: 'string' },
      },
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
  },
};

const RESULTS: Readonly<Record<string, Record<string, unknown>>> = {
  status_show: {
    type: 'object',
    required: ['ckan_version', 'site_url', 'extensions'],
    properties: { ckan_version: { type: 'string' }, site_url: { type: 'string' }, extensions: { type: 'array', items: { type: 'string' } } },
  },
  package_list: { type: 'array', items: { type: 'string' } },
  package_search: {
    type: 'object',
    required: ['count', 'sort', 'facets', 'search_facets', 'results'],
    properties: {
      count: { type: 'integer' },
      sort: { type: 'string' },
      facets: { type: 'object' },
      search_facets: { type: 'object' },
      results: { type: 'array', items: { type: 'object' } },
    },
  },
  package_show: {
    type: 'object',
    required: ['id', 'name', 'title', 'resources'],
    properties: { id: { type: 'string' }, name: { type: 'string' }, title: { type: 'string' }, resources: { type: 'array', items: { type: 'object' } } },
  },
  resource_show: {
    type: 'object',
    required: ['id', 'package_id', 'url', 'format'],
    properties: { id: { type: 'string' }, package_id: { type: 'string' }, url: { type: 'string' }, format: { type: 'string' } },
  },
  datastore_search: {
    type: 'object',
    required: ['resource_id', 'fields', 'records', '_links', 'limit'],
    properties: {
      resource_id: { type: 'string' },
      fields: { type: 'array', items: { type: 'object', required: ['id', 'type'], properties: { id: { type: 'string' }, type: { type: 'string' } } } },
      records: {},
      _links: { type: 'object', properties: { start: { type: 'string' }, next: { type: 'string' }, prev: { type: 'string' } } },
      total: { type: 'integer' },
      limit: { type: 'integer' },
    },
  },
  help_show: { type: 'string' },
};

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });

/** In a JSON body, the parameters a query string carries as JSON text are JSON values. */
const BODY_SCHEMAS: Readonly<Record<string, Record<string, unknown>>> = {
  filters: { type: 'object' },
  q: { type: ['string', 'object'] },
  fields: { type: ['string', 'array'], items: { type: 'string' } },
  sort: { type: ['string', 'array'], items: { type: 'string' } },
  fl: { type: ['string', 'array'], items: { type: 'string' } },
  fq_list: { type: 'array', items: { type: 'string' } },
  'facet.field': { type: 'array', items: { type: 'string' } },
};

function operations(action: string, doc: ActionDoc) {
  const responses = {
    '200': { description: 'The action succeeded.', content: json(envelope(RESULTS[action] ?? {})) },
    '400': { description: 'Unreadable request or a bad search query.', content: json({ oneOf: [errorEnvelope, { type: 'string' }] }) },
    '403': { description: 'Authorization Error: a restricted dataset without a grant that covers it.', content: json(errorEnvelope) },
    '404': { description: 'Not Found Error.', content: json(errorEnvelope) },
    '409': { description: 'Validation Error: each bad parameter with its messages.', content: json(errorEnvelope) },
  };
  const schemaOf = (p: ActionParam) => ({ type: p.type });
  return {
    get: {
      operationId: `ckan_${action}`,
      summary: doc.summary,
      tags: ['CKAN'],
      parameters: doc.params.map((p) => ({ name: p.name, in: 'query', required: p.required ?? false, description: p.description, schema: schemaOf(p) })),
      responses,
    },
    post: {
      operationId: `ckan_${action}_post`,
      summary: `${doc.summary} (parameters as a JSON body)`,
      tags: ['CKAN'],
      requestBody: {
        required: false,
        content: json({
          type: 'object',
          properties: Object.fromEntries(doc.params.map((p) => [p.name, { ...(BODY_SCHEMAS[p.name] ?? schemaOf(p)), description: p.description }])),
          required: doc.params.filter((p) => p.required).map((p) => p.name),
        }),
      },
      responses,
    },
  };
}

/** The CKAN Action API, one path per action. */
export const CKAN_PATHS: OpenApiPaths = Object.fromEntries(
  Object.entries(ACTION_DOCS).map(([action, doc]) => [`/api/3/action/${action}`, operations(action, doc)]),
);

/** help_show's text: the summary and the parameters, as CKAN returns an action's docstring. */
export function helpText(doc: ActionDoc): string {
  return [doc.summary, '', ...doc.params.map((p) => `:param ${p.name}: ${p.description}${p.required ? '' : ' (optional)'}\n:type ${p.name}: ${p.type}`)].join(
    '\n',
  );
}
