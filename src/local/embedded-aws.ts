import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsClientOptions } from '../aws/client-options.js';
import { connectHost, LOOPBACK_HOST } from './bind-host.js';
import { startDynamoDbLocal, type DynamoDbLocalSupervision } from './dynamodb-local.js';
import { startFauxqsOn } from './fauxqs-bound.js';
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
 * DynamoDB Local and fauxqs (SQS, SNS, S3), both listening on `host` only and persisting
 * under `stateDir` in directories for the owner alone. Their endpoints are handed to the
 * clients built for them (`clientOptions`); this process's environment is left as it was.
 * With `supervision`, a DynamoDB Local that dies is restarted on the same port and database.
 * fauxqs needs no such care: it runs inside this process, so it cannot die without it.
 */
export async function startEmbeddedAws(stateDir: string, host: string = LOOPBACK_HOST, supervision?: DynamoDbLocalSupervision): Promise<EmbeddedAws> {
  for (const dir of ['fauxqs', 's3']) mkdirSync(join(stateDir, dir), { recursive: true, mode: 0o700 });
  const [dynamo, messaging] = await Promise.all([
    startDynamoDbLocal(join(stateDir, 'dynamodb'), host, supervision),
    freePort().then((port) => startFauxqsOn(host, { port, logger: false, dataDir: join(stateDir, 'fauxqs'), s3StorageDir: join(stateDir, 's3') })),
  ]);
  const messagingEndpoint = `http://${connectHost(host)}:${messaging.port}`;
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
