import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import type { AwsClientOptions } from './client-options.js';

export type { AwsClientOptions, AwsCredentials, AwsEndpoints } from './client-options.js';

/** One set of SDK clients. A handler creates its set once, at cold start (Lambda reuses it across invocations). */
export interface AwsClients {
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

const common = (options: AwsClientOptions, endpoint: string | undefined) => ({
  ...(options.region ? { region: options.region } : {}),
  ...(options.credentials ? { credentials: options.credentials } : {}),
  ...(endpoint ? { endpoint } : {}),
});

/**
 * A fresh set of clients. Endpoints are passed, not read from the process environment,
 * so the same code talks to AWS, LocalStack or the embedded emulators without a branch.
 * S3 emulators need path-style addressing, turned on whenever S3 has an endpoint override.
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const endpoints = options.endpoints ?? {};
  const dynamo = new DynamoDBClient(common(options, endpoints.dynamodb));
  return {
    dynamo,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } }),
    s3: new S3Client({ ...common(options, endpoints.s3), forcePathStyle: endpoints.s3 !== undefined }),
    // Emulators hand out queue URLs whose host is not the endpoint; the endpoint is what counts.
    sqs: new SQSClient({ ...common(options, endpoints.sqs), useQueueUrlAsEndpoint: false }),
    sns: new SNSClient(common(options, endpoints.sns)),
  };
}

/** API Gateway's control plane, used only when an operator approves or revokes a grant in AWS. */
export function createApiGatewayClient(options: AwsClientOptions = {}): APIGatewayClient {
  return new APIGatewayClient(common(options, undefined));
}

/** DynamoDB Streams, read only by the local runtime's event source mapping. */
export function createDynamoStreamsClient(options: AwsClientOptions = {}): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient(common(options, options.endpoints?.dynamodbStreams ?? options.endpoints?.dynamodb));
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.dynamo.destroy();
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sns.destroy();
}
