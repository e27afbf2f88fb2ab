import { Tracer } from '@aws-lambda-powertools/tracer';
import type { AwsClients } from '../aws/clients.js';

const SERVICE_NAME = 'tongyuan';

/** X-Ray tracing, off when the configuration says so (the local runtime, tests) and off outside Lambda anyway. */
export function createTracer(enabled: boolean): Tracer {
  return new Tracer({ serviceName: SERVICE_NAME, enabled });
}

/** Every SDK call of the set becomes a subsegment of the invocation's trace. */
export function traceAwsClients(clients: AwsClients, tracer: Tracer): AwsClients {
  if (!tracer.isTracingEnabled()) return clients;
  for (const client of [clients.dynamo, clients.s3, clients.sqs, clients.sns]) tracer.captureAWSv3Client(client);
  return clients;
}
