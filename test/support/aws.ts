import { inject } from 'vitest';
import { Composition } from '../../src/app/composition.js';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { loadRuntimeConfig, type RuntimeConfig } from '../../src/config/runtime-config.js';
import { resources } from '../../src/infra/resources.js';
import { provision, type Provisioned } from '../../src/local/provision.js';
import { emulatorEnvironment } from '../../src/local/stack-environment.js';

export interface SharedAws {
  readonly provisioned: Provisioned;
  /** The variables a client of the shared emulators needs: endpoints, keys, resource names. */
  readonly env: Readonly<Record<string, string>>;
  readonly config: RuntimeConfig;
  readonly clients: AwsClients;
  /** The composition root on the shared emulators. */
  readonly app: Composition;
  /** Another composition on the same clients, with more variables (what `${env:…}` references resolve against). */
  compose(extra: Readonly<Record<string, string>>): Composition;
}

/**
 * Clients and configuration for the shared emulators, with the resource model created in
 * them (idempotent). Call it in beforeAll of an integration test. Tests share the tables,
 * so each test uses its own ids (a random suffix).
 */
export async function useSharedAws(): Promise<SharedAws> {
  const endpoints = inject('awsEndpoints');
  const options = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoints: {
      dynamodb: endpoints.dynamodb,
      dynamodbStreams: endpoints.dynamodb,
      sqs: endpoints.messaging,
      sns: endpoints.messaging,
      s3: endpoints.messaging,
    },
  };
  const clients = createAwsClients(options);
  const provisioned = await provision(resources, clients);
  // Quiet and untraced, as the embedded runtime runs functions.
  const observability = { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false' };
  const env = { ...observability, ...emulatorEnvironment(options), ...provisioned.env };
  const compose = (extra: Readonly<Record<string, string>>) => new Composition(loadRuntimeConfig({ ...env, ...extra }), clients);
  const app = compose({});
  return { provisioned, env, config: app.config, clients, app, compose };
}

export const uniqueSuffix = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
