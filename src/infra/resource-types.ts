/** The shapes of the resource model (src/infra/resources.ts): tables, buckets, queues, topics, subscriptions, functions. */

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface TableDef {
  readonly id: string;
  readonly description: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Change capture; the runtime polls DynamoDB Streams, CDK enables the stream. */
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  readonly globalIndexes?: readonly {
    readonly name: string;
    readonly partitionKey: KeyAttribute;
    readonly sortKey?: KeyAttribute;
  }[];
  /** A Number attribute (epoch seconds) after which DynamoDB deletes the item (CDK: timeToLiveAttribute). */
  readonly timeToLiveAttribute?: string;
}

export interface QueueDef {
  readonly id: string;
  readonly description: string;
  /** Must be at least 6x the consumer's timeout (checked by `validateResources`). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  /** A FIFO queue (its name and its dead-letter queue's end in `.fifo`): in order per message group, deduplicated. */
  readonly fifo?: boolean;
  /** FIFO only: dedupe on a hash of the body instead of the sender's deduplication id (tongyuan's feeds send their own: false). */
  readonly contentBasedDeduplication?: boolean;
}

export interface TopicDef {
  readonly id: string;
  readonly description: string;
  /** A FIFO topic: ordered per message group, deduplicated; its name ends in `.fifo`. */
  readonly fifo?: boolean;
}

export interface SubscriptionDef {
  readonly id: string;
  readonly topic: string;
  readonly queue: string;
  /** Deliver the message body as published, without the SNS envelope. */
  readonly rawMessageDelivery: boolean;
  /** SNS filter policy on the message attributes (scope MessageAttributes); absent, every message passes. */
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
}

export interface BucketDef {
  readonly id: string;
  readonly description: string;
  /** Versioning protects data that cannot be re-derived (raw pulls, releases). */
  readonly versioned: boolean;
}

export type FunctionTrigger =
  | {
      readonly kind: 'sqs';
      readonly queue: string;
      readonly batchSize: number;
      readonly maxBatchingWindowSeconds: number;
      /** Lambda's SQS maximum concurrency (at least 2). */
      readonly maxConcurrency?: number;
    }
  | {
      readonly kind: 'stream';
      readonly table: string;
      readonly batchSize: number;
      readonly maxBatchingWindowSeconds: number;
      /** Only records whose sort key starts with this prefix reach the handler. */
      readonly sortKeyPrefix?: string;
    }
  | {
      readonly kind: 'schedule';
      readonly everyMinutes: number;
      /** Runs once a day at this China wall-clock time (HH:MM, Asia/Shanghai) instead of at a rate from deployment; everyMinutes is then 1440. */
      readonly dailyAtChinaTime?: string;
    }
  | { readonly kind: 'http' }
  /**
   * Runs before every request to the \`http\` function behind API Gateway: lets a caller through
   * and names the usage plan that counts it. Only the CDK stack wires it; the local runtime loads
   * it but has no gateway to call it, since the API's own caller middleware and token bucket do
   * the same work in-process there.
   */
  | { readonly kind: 'http-authorizer' };

/**
 * The native packages every handler built on the composition root loads: its module graph
 * imports the publish and API pieces statically, so they must be beside the bundle even where
 * they are never called (test/unit/infra/native-modules.test.ts checks each bundle).
 */
export const COMPOSITION_NATIVE_MODULES: readonly string[] = ['@duckdb/node-api', '@node-rs/jieba'];

export interface FunctionDef {
  readonly id: string;
  readonly description: string;
  /** Path of the handler module, relative to the repository root. */
  readonly entry: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Scratch space in /tmp; a release's files are written there before the gate reads them (Lambda's default is 512). */
  readonly ephemeralStorageMb?: number;
  /** Packages with a native binary, installed beside the bundle instead of bundled (esbuild cannot bundle a .node file). */
  readonly nativeModules?: readonly string[];
  readonly triggers: readonly FunctionTrigger[];
  /** Resources the handler reads or writes; each becomes an environment variable and a grant. */
  readonly uses: {
    readonly tables?: readonly { readonly id: string; readonly access: 'read' | 'readWrite' }[];
    readonly buckets?: readonly { readonly id: string; readonly access: 'read' | 'readWrite' }[];
    readonly queues?: readonly string[];
    readonly topics?: readonly string[];
  };
}

export interface ResourceModel {
  readonly tables: readonly TableDef[];
  readonly buckets: readonly BucketDef[];
  readonly queues: readonly QueueDef[];
  readonly topics: readonly TopicDef[];
  readonly subscriptions: readonly SubscriptionDef[];
  readonly functions: readonly FunctionDef[];
}
