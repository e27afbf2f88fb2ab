import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AwsClientOptions, AwsEndpoints } from '../aws/client-options.js';
import { resourceEnvName, resources, type ResourceModel } from '../infra/resources.js';
import { ConfigError } from './catalog-errors.js';

/** An environment as a process or a Lambda function receives it. */
export type Environment = Readonly<Record<string, string | undefined>>;

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | 'CRITICAL';
const LOG_LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'];

type ResourceKind = 'table' | 'bucket' | 'queue' | 'topic';

/** Physical names of the resources of the model that this environment names; asking for another fails naming its variable. */
export interface ResourceNames {
  readonly table: (id: string) => string;
  readonly bucket: (id: string) => string;
  /** The queue's URL. */
  readonly queue: (id: string) => string;
  /** The topic's ARN. */
  readonly topic: (id: string) => string;
}

/** Everything a handler, a CLI run or `tongyuan up` takes from its environment, read once and passed down. */
export interface RuntimeConfig {
  readonly resources: ResourceNames;
  /** Releases wait until a dataset's records have been still this long. */
  readonly publishQuietSeconds: number;
  readonly logLevel: LogLevel;
  readonly metricsEnabled: boolean;
  readonly tracingEnabled: boolean;
  /** Where source and dataset definitions live (Lambda bundles copy them next to the handler). */
  readonly catalogDirs: { readonly sources: string; readonly datasets: string; readonly subscribers: string };
  /** Region, endpoints and credentials for the SDK clients; empty fields mean the SDK's defaults. */
  readonly aws: AwsClientOptions;
  /**
   * The origin the open-data API builds every URL of its answers on (TONGYUAN_PUBLIC_BASE_URL):
   * configured, never taken from a request's Host header. Only the API needs it.
   */
  readonly publicBaseUrl?: string;
  /**
   * A file holding the feed signing keys (TONGYUAN_FEED_KEYS_FILE): the embedded stack's 0600 key
   * file, read by its functions and commands. Unset in AWS, where the keys are a Secrets Manager secret.
   */
  readonly feedKeysFile?: string;
  /** The variables `${env:NAME}` references in source configuration resolve against. */
  readonly env: Readonly<Record<string, string>>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The repository's own folders, used when TONGYUAN_SOURCES_DIR / TONGYUAN_DATASETS_DIR / TONGYUAN_SUBSCRIBERS_DIR are not set. */
export const DEFAULT_CATALOG_DIRS = {
  sources: join(repoRoot, 'sources'),
  datasets: join(repoRoot, 'datasets'),
  subscribers: join(repoRoot, 'subscribers'),
} as const;

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new ConfigError(`${name} is set but empty`);
  return value;
}

function booleanVar(env: Environment, name: string, fallback: boolean): boolean {
  const value = nonEmpty(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}"`);
}

function secondsVar(env: Environment, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${name} must be a number of seconds; got "${raw}"`);
  return value;
}

/** An http(s) origin with an optional path prefix, kept without its trailing slash. */
function publicBaseUrlVar(env: Environment): string | undefined {
  const raw = nonEmpty(env, 'TONGYUAN_PUBLIC_BASE_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`TONGYUAN_PUBLIC_BASE_URL must be an http(s) URL; got "${raw}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '')
    throw new ConfigError(`TONGYUAN_PUBLIC_BASE_URL must be an http(s) URL without query or fragment; got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

const optionalField = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function logLevelVar(env: Environment): LogLevel {
  // Powertools' own variable wins, as in Lambda; TONGYUAN_LOG_LEVEL is the project's name for it.
  const name = env.POWERTOOLS_LOG_LEVEL !== undefined ? 'POWERTOOLS_LOG_LEVEL' : 'TONGYUAN_LOG_LEVEL';
  const raw = nonEmpty(env, name);
  if (raw === undefined) return 'INFO';
  const level = raw.toUpperCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}; got "${raw}"`);
  return level;
}

const RESOURCE_CHECKS: Readonly<Record<ResourceKind, { test: (v: string) => boolean; what: string }>> = {
  table: { test: (v) => /^[A-Za-z0-9_.-]{3,255}$/.test(v), what: 'a DynamoDB table name' },
  bucket: { test: (v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v), what: 'an S3 bucket name' },
  queue: { test: (v) => /^https?:\/\/\S+$/.test(v), what: 'an SQS queue URL' },
  topic: { test: (v) => /^arn:[^:]+:sns:/.test(v), what: 'an SNS topic ARN' },
};

/** Reads every resource variable of the model that is set, checks its shape, and answers lookups. */
function resourceNames(env: Environment, model: ResourceModel): ResourceNames {
  const ids: Readonly<Record<ResourceKind, readonly string[]>> = {
    table: model.tables.map((t) => t.id),
    bucket: model.buckets.map((b) => b.id),
    queue: model.queues.map((q) => q.id),
    topic: model.topics.map((t) => t.id),
  };
  const found = new Map<string, string>();
  for (const kind of Object.keys(ids) as ResourceKind[]) {
    for (const id of ids[kind]) {
      const name = resourceEnvName(kind, id);
      const value = nonEmpty(env, name);
      if (value === undefined) continue;
      if (!RESOURCE_CHECKS[kind].test(value)) throw new ConfigError(`${name} must be ${RESOURCE_CHECKS[kind].what}; got "${value}"`);
      found.set(name, value);
    }
  }
  const lookUp = (kind: ResourceKind) => (id: string) => {
    const name = resourceEnvName(kind, id);
    const value = found.get(name);
    if (value === undefined) throw new ConfigError(`${kind} "${id}" is not configured: environment variable ${name} is not set`);
    return value;
  };
  return { table: lookUp('table'), bucket: lookUp('bucket'), queue: lookUp('queue'), topic: lookUp('topic') };
}

const ENDPOINT_VARS: Readonly<Record<keyof AwsEndpoints, string>> = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  dynamodbStreams: 'AWS_ENDPOINT_URL_DYNAMODB_STREAMS',
  s3: 'AWS_ENDPOINT_URL_S3',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  sns: 'AWS_ENDPOINT_URL_SNS',
};

/** The SDK's standard variables, read here so a client never depends on which process it runs in. */
function awsOptions(env: Environment): AwsClientOptions {
  const shared = nonEmpty(env, 'AWS_ENDPOINT_URL');
  const endpoints: Record<string, string> = {};
  for (const [service, name] of Object.entries(ENDPOINT_VARS)) {
    const value = nonEmpty(env, name) ?? shared;
    if (value === undefined) continue;
    if (!/^https?:\/\/[^/\s]+/.test(value)) throw new ConfigError(`${env[name] === undefined ? 'AWS_ENDPOINT_URL' : name} must be a URL; got "${value}"`);
    endpoints[service] = value;
  }
  const accessKeyId = nonEmpty(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = nonEmpty(env, 'AWS_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    throw new ConfigError('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together');
  const sessionToken = nonEmpty(env, 'AWS_SESSION_TOKEN');
  return {
    region: nonEmpty(env, 'AWS_REGION') ?? nonEmpty(env, 'AWS_DEFAULT_REGION'),
    endpoints,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined,
  };
}

/**
 * The one place configuration is read: from an environment map (process.env at a
 * handler's cold start or a CLI run; the function's own environment in the local
 * runtime). A bad value fails here, naming its variable.
 */
export function loadRuntimeConfig(env: Environment, model: ResourceModel = resources): RuntimeConfig {
  const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return {
    resources: resourceNames(env, model),
    publishQuietSeconds: secondsVar(env, 'TONGYUAN_PUBLISH_QUIET_SECONDS', 5),
    ...optionalField('publicBaseUrl', publicBaseUrlVar(env)),
    ...optionalField('feedKeysFile', nonEmpty(env, 'TONGYUAN_FEED_KEYS_FILE')),
    logLevel: logLevelVar(env),
    metricsEnabled: !booleanVar(env, 'POWERTOOLS_METRICS_DISABLED', false),
    tracingEnabled: booleanVar(env, 'POWERTOOLS_TRACE_ENABLED', true),
    catalogDirs: {
      sources: nonEmpty(env, 'TONGYUAN_SOURCES_DIR') ?? DEFAULT_CATALOG_DIRS.sources,
      datasets: nonEmpty(env, 'TONGYUAN_DATASETS_DIR') ?? DEFAULT_CATALOG_DIRS.datasets,
      subscribers: nonEmpty(env, 'TONGYUAN_SUBSCRIBERS_DIR') ?? DEFAULT_CATALOG_DIRS.subscribers,
    },
    aws: awsOptions(env),
    env: Object.freeze(strings),
  };
}
