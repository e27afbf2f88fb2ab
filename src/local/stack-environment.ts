import type { AwsClientOptions } from '../aws/client-options.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { functionEnvironment, type PhysicalNames } from '../infra/function-environment.js';
import type { FunctionDef } from '../infra/resources.js';

/** The SDK's standard variables for the emulators: what a client of this stack (a function, the CLI) is built from. */
export function emulatorEnvironment(options: AwsClientOptions): Record<string, string> {
  const { endpoints = {}, credentials, region } = options;
  const entries: [string, string | undefined][] = [
    ['AWS_REGION', region],
    ['AWS_ACCESS_KEY_ID', credentials?.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials?.secretAccessKey],
    ['AWS_ENDPOINT_URL_DYNAMODB', endpoints.dynamodb],
    ['AWS_ENDPOINT_URL_DYNAMODB_STREAMS', endpoints.dynamodbStreams],
    ['AWS_ENDPOINT_URL_SQS', endpoints.sqs],
    ['AWS_ENDPOINT_URL_SNS', endpoints.sns],
    ['AWS_ENDPOINT_URL_S3', endpoints.s3],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

export interface SimulatedFunctionSettings {
  /** Physical names of the provisioned resources. */
  readonly names: RuntimeConfig['resources'];
  /** The emulators' endpoint variables (`emulatorEnvironment`). */
  readonly emulators: Readonly<Record<string, string>>;
  /** What the demo departments' sources reference. */
  readonly demos: Readonly<Record<string, string>>;
  /** The stack's own configuration: the functions share its log level, folders and publish timing. */
  readonly stack: RuntimeConfig;
  readonly logLevel: string;
  /** The stack's feed signing key file (in its home): the route and publish functions sign with it. */
  readonly feedKeysFile: string;
}

/**
 * A simulated function's environment, as Lambda would give it: what the CDK stack sets
 * for it (`functionEnvironment`), plus what differs on this machine: emulator endpoints,
 * the local source and dataset folders, the demo departments' addresses; metrics and
 * tracing off, since nothing here would receive them.
 */
export function simulatedFunctionEnvironment(fn: FunctionDef, settings: SimulatedFunctionSettings): Record<string, string> {
  const { names, stack } = settings;
  const physical: PhysicalNames = { table: names.table, bucket: names.bucket, queueUrl: names.queue, topicArn: names.topic };
  return {
    ...functionEnvironment(fn, physical),
    ...settings.emulators,
    ...settings.demos,
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    TONGYUAN_SOURCES_DIR: stack.catalogDirs.sources,
    TONGYUAN_DATASETS_DIR: stack.catalogDirs.datasets,
    TONGYUAN_SUBSCRIBERS_DIR: stack.catalogDirs.subscribers,
    TONGYUAN_PUBLISH_QUIET_SECONDS: String(stack.publishQuietSeconds),
    TONGYUAN_FEED_KEYS_FILE: settings.feedKeysFile,
    ...(stack.publicBaseUrl ? { TONGYUAN_PUBLIC_BASE_URL: stack.publicBaseUrl } : {}),
  };
}
