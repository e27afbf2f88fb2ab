import { join } from 'node:path';
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SecretReferences } from '../../src/config/secret-refs.js';
import { functionEnvironment } from '../../src/infra/function-environment.js';
import type { FunctionDef } from '../../src/infra/resources.js';
import { lookup, pascalId } from './model-ids.js';
import { createDeadLetterQueue } from './queues-with-dlq.js';
import { grantSecretReads } from './secret-grants.js';

/** Source and dataset definitions travel inside every bundle, read from here at run time. */
const CATALOG_FOLDERS = ['sources', 'datasets', 'subscribers'] as const;
const LAMBDA_TASK_ROOT = '/var/task';

const copyCatalog: NonNullable<BundlingOptions['commandHooks']> = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) => CATALOG_FOLDERS.map((folder) => `cp -R "${inputDir}/${folder}" "${outputDir}/${folder}"`),
};

/** Local esbuild, ESM for Node 22, with a `require` for the CommonJS dependencies that still call it. */
const BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourcesContent: false,
};

export interface ModelFunctionsProps {
  readonly functions: readonly FunctionDef[];
  /** Directory the model's `entry` paths are relative to; holds package-lock.json. */
  readonly projectRoot: string;
  readonly logRetention: RetentionDays;
  readonly tables: ReadonlyMap<string, ITable>;
  readonly buckets: ReadonlyMap<string, IBucket>;
  readonly queues: ReadonlyMap<string, IQueue>;
  readonly topics: ReadonlyMap<string, ITopic>;
  /** By function id, the SSM parameters and secrets that function resolves for its sources. */
  readonly secretReads: ReadonlyMap<string, SecretReferences>;
}

/**
 * One Lambda function per FunctionDef. Its `uses` become environment variables
 * (named by `resourceEnvName`, as the handlers and the local runtime expect) and
 * the narrowest grant the access level allows. Triggers are wired elsewhere.
 */
export class ModelFunctions extends Construct {
  /** Functions by model id. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ModelFunctionsProps) {
    super(scope, id);
    const functions = new Map<string, NodejsFunction>();
    for (const def of props.functions) functions.set(def.id, this.createFunction(def, props));
    this.functions = functions;
  }

  private createFunction(def: FunctionDef, props: ModelFunctionsProps): NodejsFunction {
    const scope = new Construct(this, pascalId(def.id));
    const logGroup = new LogGroup(scope, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(scope, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the tongyuan ${def.id} function`,
    });
    logGroup.grantWrite(role);
    const invokedAsynchronously = def.triggers.some((trigger) => trigger.kind === 'schedule');

    const fn = new NodejsFunction(scope, 'Function', {
      description: def.description,
      entry: join(props.projectRoot, def.entry),
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(def.timeoutSeconds),
      memorySize: def.memoryMb,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      // The handlers' Powertools Tracer records each invocation and its SDK calls in X-Ray.
      tracing: Tracing.ACTIVE,
      environment: {
        ...functionEnvironment(def, {
          table: (id) => lookup(props.tables, 'table', id).tableName,
          bucket: (id) => lookup(props.buckets, 'bucket', id).bucketName,
          queueUrl: (id) => lookup(props.queues, 'queue', id).queueUrl,
          topicArn: (id) => lookup(props.topics, 'topic', id).topicArn,
        }),
        NODE_OPTIONS: '--enable-source-maps',
        TONGYUAN_SOURCES_DIR: `${LAMBDA_TASK_ROOT}/sources`,
        TONGYUAN_DATASETS_DIR: `${LAMBDA_TASK_ROOT}/datasets`,
        TONGYUAN_SUBSCRIBERS_DIR: `${LAMBDA_TASK_ROOT}/subscribers`,
      },
      // Asynchronous (scheduled) invocations that still fail after Lambda's retries land here.
      deadLetterQueue: invokedAsynchronously ? createDeadLetterQueue(scope, 'AsyncFailures') : undefined,
      ...(def.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(def.ephemeralStorageMb) } : {}),
      // A native package is installed from package-lock.json on the bundling machine, for its platform: deploy from Linux x64.
      bundling: { ...BUNDLING, commandHooks: copyCatalog, ...(def.nativeModules ? { nodeModules: [...def.nativeModules] } : {}) },
    });
    this.grant(def, fn, props);
    return fn;
  }

  private grant(def: FunctionDef, fn: NodejsFunction, props: ModelFunctionsProps): void {
    for (const { id, access } of def.uses.tables ?? []) {
      const table = lookup(props.tables, 'table', id);
      if (access === 'read') table.grantReadData(fn);
      else table.grantReadWriteData(fn);
    }
    for (const { id, access } of def.uses.buckets ?? []) {
      const bucket = lookup(props.buckets, 'bucket', id);
      if (access === 'read') bucket.grantRead(fn);
      else bucket.grantReadWrite(fn);
    }
    for (const id of def.uses.queues ?? []) lookup(props.queues, 'queue', id).grantSendMessages(fn);
    for (const id of def.uses.topics ?? []) lookup(props.topics, 'topic', id).grantPublish(fn);
    const secrets = props.secretReads.get(def.id);
    if (secrets) grantSecretReads(fn, secrets);
  }
}
