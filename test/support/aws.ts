import { inject } from 'vitest';
import { resetAwsClients } from '../../src/aws/clients.js';
import { resources } from '../../src/infra/resources.js';
import { provision, type Provisioned } from '../../src/local/provision.js';

/**
 * Points this test file's AWS SDK clients at the shared emulators and creates the
 * resource model in them (idempotent). Call it in beforeAll of an integration test.
 * Tests share the tables, so each test uses its own ids (a random suffix).
 */
export async function useSharedAws(): Promise<Provisioned> {
  const endpoints = inject('awsEndpoints');
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.messaging,
    AWS_ENDPOINT_URL_SNS: endpoints.messaging,
    AWS_ENDPOINT_URL_S3: endpoints.messaging,
  });
  resetAwsClients();
  const provisioned = await provision(resources);
  Object.assign(process.env, provisioned.env);
  return provisioned;
}

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
