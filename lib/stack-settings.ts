import type { DatasetConfig, SourceConfig } from '../src/config/catalog.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { SubscriberConfig } from '../src/generated/subscriber.types.js';
import { validateResources, type ResourceModel } from '../src/infra/resources.js';
import { modelWith } from '../src/infra/subscriber-resources.js';

/** Properties of the tongyuan stack. Every one has a production default. */
export interface TongyuanStackProps extends StackProps {
  /**
   * The resources to build. Tests may pass a variant of the model.
   * @default the project's single declaration in src/infra/resources.ts, with the subscribers' queues
   */
  readonly model?: ResourceModel;
  /**
   * The feed subscribers (subscribers/*.yaml): each gets its queue, dead-letter queue, filtered
   * subscriptions and alarms. Ignored when `model` is given.
   * @default none
   */
  readonly subscribers?: readonly SubscriberConfig[];
  /**
   * Age of the oldest message in a subscriber's queue above which its lag alarm fires (at least a minute).
   * @default 15 minutes
   */
  readonly subscriberLagThreshold?: Duration;
  /**
   * Directory the model's `entry` paths are relative to; must hold package-lock.json.
   * @default the repository this file belongs to
   */
  readonly projectRoot?: string;
  /**
   * Retention of the function and API access log groups.
   * @default six months, a common minimum for public-sector system logs
   */
  readonly logRetention?: RetentionDays;
  /**
   * Steady-state requests per second the open-data API accepts across all clients.
   * @default 100
   */
  readonly apiRateLimit?: number;
  /**
   * Requests the open-data API absorbs in a burst above the rate.
   * @default 200
   */
  readonly apiBurstLimit?: number;
  /**
   * Requests per second of all callers without an API key together (the `anonymous` usage plan).
   * @default 20
   */
  readonly anonymousRateLimit?: number;
  /**
   * Burst of all callers without an API key together.
   * @default 40
   */
  readonly anonymousBurstLimit?: number;
  /**
   * Requests per second of each grant's API key (the `granted` usage plan).
   * @default 10
   */
  readonly grantedRateLimit?: number;
  /**
   * Burst of each grant's API key.
   * @default 20
   */
  readonly grantedBurstLimit?: number;
  /**
   * Requests per day (UTC) any one grant's key may make at the gateway; a grant's own quotaPerDay,
   * counted by the API function, is the finer limit.
   * @default 100000
   */
  readonly grantedDailyQuota?: number;
  /**
   * The origin (with an optional path) every URL in the API's answers is built on, such as a
   * custom domain mapped to the API's stage (`https://data.example.gov.cn`).
   * @default the execute-api URL of the stage
   */
  readonly publicBaseUrl?: string;
  /**
   * Retries of a failing DynamoDB stream batch, bisected each time, before its
   * records go to the mapping's failure queue (0 to 10000).
   * @default 5
   */
  readonly streamRetryAttempts?: number;
  /**
   * The departmental sources, so each schedule rate gets its own EventBridge schedule
   * that syncs the sources on it (`{ sourceIds }`), and the ingest function may read
   * exactly the SSM parameters and secrets they reference (`${ssm:…}`, `${secret:…}`).
   * @default none: the ingest function runs on its own rate, syncs every source and reads no secret
   */
  readonly sources?: readonly SourceConfig[];
  /**
   * The open datasets (datasets/*.yaml): each gets a Glue table over its Parquet releases.
   * @default none: the Glue database and the Athena workgroup exist, with no table
   */
  readonly datasets?: readonly DatasetConfig[];
  /**
   * Bytes one Athena query may scan before it is cancelled (at least 10 MB).
   * @default 10 GB
   */
  readonly athenaBytesScannedCutoff?: number;
}

/** The props with defaults applied, checked. */
export interface StackSettings {
  readonly model: ResourceModel;
  readonly projectRoot: string;
  readonly logRetention: RetentionDays;
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
  readonly anonymousRateLimit: number;
  readonly anonymousBurstLimit: number;
  readonly grantedRateLimit: number;
  readonly grantedBurstLimit: number;
  readonly grantedDailyQuota: number;
  /** Without a trailing slash; undefined means the stage's own URL. */
  readonly publicBaseUrl: string | undefined;
  readonly sources: readonly SourceConfig[] | undefined;
  readonly streamRetryAttempts: number;
  readonly datasets: readonly DatasetConfig[];
  readonly athenaBytesScannedCutoff: number;
  readonly subscriberLagThreshold: Duration;
}

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Applies defaults and rejects anything the stack cannot build, listing every
 * problem at once, before a single construct exists.
 */
export function resolveStackSettings(props: TongyuanStackProps): StackSettings {
  const settings: StackSettings = {
    model: props.model ?? modelWith(props.subscribers ?? []),
    projectRoot: props.projectRoot ?? REPOSITORY_ROOT,
    logRetention: props.logRetention ?? RetentionDays.SIX_MONTHS,
    apiRateLimit: props.apiRateLimit ?? 100,
    apiBurstLimit: props.apiBurstLimit ?? 200,
    anonymousRateLimit: props.anonymousRateLimit ?? 20,
    anonymousBurstLimit: props.anonymousBurstLimit ?? 40,
    grantedRateLimit: props.grantedRateLimit ?? 10,
    grantedBurstLimit: props.grantedBurstLimit ?? 20,
    grantedDailyQuota: props.grantedDailyQuota ?? 100_000,
    publicBaseUrl: props.publicBaseUrl?.replace(/\/+$/, ''),
    streamRetryAttempts: props.streamRetryAttempts ?? 5,
    sources: props.sources,
    datasets: props.datasets ?? [],
    athenaBytesScannedCutoff: props.athenaBytesScannedCutoff ?? 10 * 1024 ** 3,
    subscriberLagThreshold: props.subscriberLagThreshold ?? Duration.minutes(15),
  };
  validateResources(settings.model);

  const problems: string[] = [];
  if (!(Number.isFinite(settings.apiRateLimit) && settings.apiRateLimit > 0))
    problems.push(`apiRateLimit must be a positive number, got ${settings.apiRateLimit}`);
  if (!(Number.isInteger(settings.apiBurstLimit) && settings.apiBurstLimit >= 1))
    problems.push(`apiBurstLimit must be a positive integer, got ${settings.apiBurstLimit}`);
  for (const name of ['anonymousRateLimit', 'grantedRateLimit'] as const)
    if (!(Number.isFinite(settings[name]) && settings[name] > 0)) problems.push(`${name} must be a positive number, got ${settings[name]}`);
  for (const name of ['anonymousBurstLimit', 'grantedBurstLimit', 'grantedDailyQuota'] as const)
    if (!(Number.isInteger(settings[name]) && settings[name] >= 1)) problems.push(`${name} must be a positive integer, got ${settings[name]}`);
  if (settings.publicBaseUrl !== undefined && !isPublicBaseUrl(settings.publicBaseUrl))
    problems.push(`publicBaseUrl must be an https URL without query or fragment, got ${props.publicBaseUrl}`);
  if (!(Number.isInteger(settings.streamRetryAttempts) && settings.streamRetryAttempts >= 0 && settings.streamRetryAttempts <= 10_000))
    problems.push(`streamRetryAttempts must be an integer from 0 to 10000, got ${settings.streamRetryAttempts}`);
  if (!(Number.isInteger(settings.athenaBytesScannedCutoff) && settings.athenaBytesScannedCutoff >= 10_000_000))
    problems.push(`athenaBytesScannedCutoff must be an integer of at least 10000000 (Athena's 10 MB minimum), got ${settings.athenaBytesScannedCutoff}`);
  if (!(settings.subscriberLagThreshold.toSeconds() >= 60))
    problems.push(
      `subscriberLagThreshold must be at least a minute (SQS reports queue age once a minute), got ${settings.subscriberLagThreshold.toHumanString()}`,
    );
  if (!existsSync(join(settings.projectRoot, 'package-lock.json'))) problems.push(`projectRoot ${settings.projectRoot} has no package-lock.json`);
  problems.push(...modelProblemsForCdk(settings.model, settings.projectRoot));
  if (problems.length > 0) throw new Error(`cannot build the tongyuan stack:\n  ${problems.join('\n  ')}`);
  return settings;
}

function isPublicBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** What the CDK needs from the model beyond `validateResources`. */
function modelProblemsForCdk(model: ResourceModel, projectRoot: string): string[] {
  const problems: string[] = [];
  const httpFunctions = model.functions.filter((fn) => fn.triggers.some((trigger) => trigger.kind === 'http'));
  if (httpFunctions.length > 1) problems.push(`only one function can serve the HTTP API, found ${httpFunctions.map((fn) => fn.id).join(', ')}`);
  const authorizers = model.functions.filter((fn) => fn.triggers.some((trigger) => trigger.kind === 'http-authorizer'));
  if (authorizers.length > 1) problems.push(`only one function can authorize the HTTP API, found ${authorizers.map((fn) => fn.id).join(', ')}`);
  // Usage plans need a key for every request, which only the authorizer can name.
  if (httpFunctions.length === 1 && authorizers.length === 0) problems.push(`the HTTP API needs a function with an http-authorizer trigger`);
  if (httpFunctions.length === 0 && authorizers.length > 0) problems.push(`function ${authorizers[0]!.id} authorizes an HTTP API that no function serves`);
  for (const fn of model.functions) {
    if (!existsSync(join(projectRoot, fn.entry))) problems.push(`function ${fn.id}: entry ${fn.entry} does not exist`);
    for (const trigger of fn.triggers) {
      if (trigger.kind === 'schedule' && !(Number.isInteger(trigger.everyMinutes) && trigger.everyMinutes >= 1))
        problems.push(`function ${fn.id}: schedule everyMinutes must be a positive integer`);
      if (trigger.kind === 'stream' && trigger.sortKeyPrefix !== undefined) {
        const sortKey = model.tables.find((table) => table.id === trigger.table)?.sortKey;
        if (sortKey?.type !== 'S') problems.push(`function ${fn.id}: sortKeyPrefix needs table ${trigger.table} to have a string sort key`);
      }
    }
  }
  return problems;
}
