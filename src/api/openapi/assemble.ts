import type { OpenApiPaths } from '../openapi-paths.js';
import { sharedComponents } from './components.js';
import { componentSchemas } from './schemas.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PATH_ITEM_KEYS: readonly string[] = [...METHODS, 'summary', 'description', 'parameters'];

/** A fragment that would make the document invalid or unclear: names the path, method and what is wrong. */
export class OpenApiFragmentError extends Error {
  override readonly name = 'OpenApiFragmentError';
}

export interface DocumentInfo {
  readonly version: string;
  /** The public base URL: the document's only server. */
  readonly server: string;
}

type Operation = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `{name}` path parameters an operation (or its path item) declares. */
function declaredPathParameters(item: Operation, operation: Operation): Set<string> {
  const all = [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])];
  const names = all.flatMap((p) => {
    if (!isObject(p)) return [];
    if (p.in === 'path' && typeof p.name === 'string') return [p.name];
    // Shared parameters are referenced; #/components/parameters/datasetId declares `id`.
    if (p.$ref === '#/components/parameters/datasetId') return ['id'];
    return [];
  });
  return new Set(names);
}

function checkOperation(path: string, method: string, item: Operation, operation: unknown, operationIds: Set<string>): void {
  const where = `${method.toUpperCase()} ${path}`;
  if (!isObject(operation)) throw new OpenApiFragmentError(`${where}: an operation must be an object`);
  const { operationId, summary, responses } = operation;
  if (typeof operationId !== 'string' || operationId === '') throw new OpenApiFragmentError(`${where}: operationId is required`);
  if (operationIds.has(operationId)) throw new OpenApiFragmentError(`${where}: operationId "${operationId}" is used twice`);
  operationIds.add(operationId);
  if (typeof summary !== 'string' || summary === '') throw new OpenApiFragmentError(`${where}: summary is required`);
  if (!isObject(responses) || Object.keys(responses).length === 0) throw new OpenApiFragmentError(`${where}: responses are required`);
  if (!Object.keys(responses).some((status) => /^[23]/.test(status))) throw new OpenApiFragmentError(`${where}: a success (2xx/3xx) response is required`);
  const declared = declaredPathParameters(item, operation);
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g))
    if (!declared.has(name!)) throw new OpenApiFragmentError(`${where}: path parameter "${name}" is not declared in parameters`);
}

/**
 * One OpenAPI 3.1 document from every route module's path items. Strict, so a fragment that
 * would not lint clean fails here, naming itself: OpenAPI paths (`{id}`, not hono's `:id`),
 * no path served twice, every operation with a unique operationId, a summary, a success
 * response, and its path parameters declared.
 */
export function assembleOpenApi(fragments: readonly OpenApiPaths[], info: DocumentInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  const tags = new Set<string>();
  for (const fragment of fragments) {
    for (const [path, item] of Object.entries(fragment)) {
      if (!path.startsWith('/') || /(^|\/):/.test(path)) throw new OpenApiFragmentError(`${path}: a path starts with / and writes parameters as {name}`);
      const merged = (paths[path] ??= {});
      for (const [key, value] of Object.entries(item)) {
        if (!PATH_ITEM_KEYS.includes(key)) throw new OpenApiFragmentError(`${path}: "${key}" is not a method or a path item field`);
        if (key in merged) throw new OpenApiFragmentError(`${path}: "${key}" is described by two route modules`);
        if ((METHODS as readonly string[]).includes(key)) {
          checkOperation(path, key, item, value, operationIds);
          for (const tag of ((value as Operation).tags as unknown[]) ?? []) if (typeof tag === 'string') tags.add(tag);
        }
        merged[key] = value;
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tongyuan open data API / 同源公共数据开放接口',
      version: info.version,
      description:
        'Catalog, records, changes and downloads of published datasets; CKAN Action API and DCAT for harvesters. ' +
        'Open data needs no key; restricted data (受限开放) is served only under a grant, with its key. ' +
        'Errors are RFC 9457 problem details in Chinese and English.',
      license: { name: 'CC-BY-4.0', identifier: 'CC-BY-4.0' },
    },
    servers: [{ url: info.server, description: 'This deployment' }],
    // No key is needed for open data: the empty requirement makes the key optional.
    security: [{}, { apiKey: [] }, { bearer: [] }],
    tags: [...tags].sort().map((name) => ({ name, description: `${name} endpoints` })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    components: usedComponents(paths, { schemas: componentSchemas(), ...sharedComponents() }),
  };
}

/**
 * Only the components the paths reach, directly or through other components: the document
 * describes what the API serves, not every building block a route module might use.
 */
function usedComponents(paths: unknown, components: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const used: Record<string, Record<string, unknown>> = {};
  const pending: unknown[] = [paths];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...(node as unknown[]));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const ref = key === '$ref' && typeof value === 'string' ? /^#\/components\/([^/]+)\/([^/]+)$/.exec(value) : null;
        if (ref) {
          const [, kind, name] = ref as unknown as [string, string, string];
          const target = (components[kind] as Record<string, unknown> | undefined)?.[name];
          if (target !== undefined && used[kind]?.[name] === undefined) {
            (used[kind] ??= {})[name] = target;
            pending.push(target);
          }
        } else pending.push(value);
      }
    }
  }
  // securitySchemes are named by `security`, not by $ref.
  if (components.securitySchemes) used.securitySchemes = components.securitySchemes as Record<string, unknown>;
  return used;
}
