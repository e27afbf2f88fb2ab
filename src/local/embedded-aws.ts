import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFauxqs } from 'fauxqs';
import type { AwsClientOptions } from '../aws/client-options.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { freePort } from './ports.js';

/** The emulators answer for any region; the ARNs they hand out name this one. */
export const EMULATOR_REGION = 'us-east-1';

export interface EmbeddedAws {
  readonly dynamoEndpoint: string;
  readonly messagingEndpoint: string;
  /** What a client of the emulators is built from: their endpoints, a region, the emulators' fixed keys. */
  readonly clientOptions: AwsClientOptions;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local and fauxqs (SQS, SNS, S3), both persisting under `stateDir`. Their
 * endpoints are handed to the clients built for them (`clientOptions`); this process's
 * environment is left as it was.
 */
export async function startEmbeddedAws(stateDir: string): Promise<EmbeddedAws> {
  mkdirSync(join(stateDir, 'fauxqs'), { recursive: true });
  const [dynamo, messaging] = await Promise.all([
    startDynamoDbLocal(join(stateDir, 'dynamodb')),
    freePort().then((port) => startFauxqs({ port, logger: false, dataDir: join(stateDir, 'fauxqs'), s3StorageDir: join(stateDir, 's3') })),
  ]);
  const messagingEndpoint = `http://127.0.0.1:${messaging.port}`;
  return {
    dynamoEndpoint: dynamo.endpoint,
    messagingEndpoint,
    clientOptions: {
      region: EMULATOR_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      endpoints: { dynamodb: dynamo.endpoint, dynamodbStreams: dynamo.endpoint, sqs: messagingEndpoint, sns: messagingEndpoint, s3: messagingEndpoint },
    },
    async stop() {
      await messaging.stop();
      await dynamo.stop();
    },
  };
}
