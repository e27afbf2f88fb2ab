import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { requestCounter } from './request-counter.js';

/**
 * SDK clients, created once per process (Lambda reuses them across invocations).
 *
 * Endpoints come from the SDK's own configuration (`AWS_ENDPOINT_URL`,
 * `AWS_ENDPOINT_URL_DYNAMODB`, …), so the same code talks to AWS, LocalStack or the
 * embedded emulators without a branch. S3 emulators need path-style addressing, which
 * is turned on whenever an endpoint override is present.
 */
export interface AwsClients {
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

let cached: AwsClients | undefined;

export function awsClients(): AwsClients {
  if (cached) return cached;
  const endpointOverridden = Boolean(process.env.AWS_ENDPOINT_URL ?? process.env.AWS_ENDPOINT_URL_S3);
  const dynamo = new DynamoDBClient({});
  const s3 = new S3Client({ forcePathStyle: endpointOverridden });
  // Emulators hand out queue URLs whose host is not the endpoint; the endpoint is what counts.
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const sns = new SNSClient({});
  dynamo.middlewareStack.use(requestCounter.plugin('dynamodb'));
  s3.middlewareStack.use(requestCounter.plugin('s3'));
  sqs.middlewareStack.use(requestCounter.plugin('sqs'));
  sns.middlewareStack.use(requestCounter.plugin('sns'));
  cached = {
    dynamo,
    doc: DynamoDBDocumentClient.from(dynamo, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    s3,
    sqs,
    sns,
  };
  return cached;
}

/** Forgets the cached clients (the embedded runtime calls it after it sets endpoints). */
export function resetAwsClients(): void {
  cached?.dynamo.destroy();
  cached?.s3.destroy();
  cached?.sqs.destroy();
  cached?.sns.destroy();
  cached = undefined;
}
