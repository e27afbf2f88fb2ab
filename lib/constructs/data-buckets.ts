import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketDef } from '../../src/infra/resources.js';
import { pascalId } from './model-ids.js';

/** Server access logs are audit evidence; a year covers the usual review window. */
const ACCESS_LOG_EXPIRATION = Duration.days(365);

export interface DataBucketsProps {
  readonly buckets: readonly BucketDef[];
}

/** Every bucket of the model, private and TLS-only, logging server access to a dedicated bucket. */
export class DataBuckets extends Construct {
  /** Buckets by model id. */
  readonly buckets: ReadonlyMap<string, IBucket>;
  /** Receives the server access logs of every data bucket, one prefix per bucket. */
  readonly accessLogBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataBucketsProps) {
    super(scope, id);
    // Object ownership is left to CDK: it depends on whether log delivery is granted
    // by bucket policy (cdk.json flag serverAccessLogsUseBucketPolicy) or by ACL.
    this.accessLogBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: ACCESS_LOG_EXPIRATION }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const buckets = new Map<string, IBucket>();
    for (const def of props.buckets) {
      const bucket = new Bucket(this, pascalId(def.id), {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: def.versioned,
        serverAccessLogsBucket: this.accessLogBucket,
        serverAccessLogsPrefix: `${def.id}/`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      buckets.set(def.id, bucket);
    }
    this.buckets = buckets;
  }
}
