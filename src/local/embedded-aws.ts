import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resetAwsClients } from '../aws/clients.js';
import { connectHost, LOOPBACK_HOST } from './bind-host.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startFauxqsOn } from './fauxqs-bound.js';
import { freePort } from './ports.js';

export interface EmbeddedAws {
  readonly dynamoEndpoint: string;
  readonly messagingEndpoint: string;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local and fauxqs (SQS, SNS, S3), both listening on `host` only and persisting
 * under `stateDir` in directories for the owner alone, and the
 * SDK's standard endpoint variables pointed at them: from here on every client in this
 * process, handlers included, talks to the emulators exactly as it would to AWS.
 */
export async function startEmbeddedAws(stateDir: string, host: string = LOOPBACK_HOST): Promise<EmbeddedAws> {
  for (const dir of ['fauxqs', 's3']) mkdirSync(join(stateDir, dir), { recursive: true, mode: 0o700 });
  const [dynamo, messaging] = await Promise.all([
    startDynamoDbLocal(join(stateDir, 'dynamodb'), host),
    freePort().then((port) => startFauxqsOn(host, { port, logger: false, dataDir: join(stateDir, 'fauxqs'), s3StorageDir: join(stateDir, 's3') })),
  ]);
  const messagingEndpoint = `http://${connectHost(host)}:${messaging.port}`;
  Object.assign(process.env, {
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
    AWS_ENDPOINT_URL_SQS: messagingEndpoint,
    AWS_ENDPOINT_URL_SNS: messagingEndpoint,
    AWS_ENDPOINT_URL_S3: messagingEndpoint,
  });
  resetAwsClients();
  return {
    dynamoEndpoint: dynamo.endpoint,
    messagingEndpoint,
    async stop() {
      resetAwsClients();
      await messaging.stop();
      await dynamo.stop();
    },
  };
}
