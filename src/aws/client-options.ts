/** Per-service endpoint overrides (emulators, LocalStack); absent ones are AWS's own. */
export interface AwsEndpoints {
  readonly dynamodb?: string;
  readonly dynamodbStreams?: string;
  readonly s3?: string;
  readonly sqs?: string;
  readonly sns?: string;
}

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What a set of SDK clients is built from; every field left out falls back to the SDK's default chain. */
export interface AwsClientOptions {
  readonly region?: string;
  readonly endpoints?: AwsEndpoints;
  readonly credentials?: AwsCredentials;
}
