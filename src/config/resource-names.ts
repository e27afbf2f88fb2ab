import { resourceEnvName } from '../infra/resources.js';

/**
 * Physical names of the resources a handler uses, read from the environment that
 * the CDK stack (or the embedded runtime) set from the same resource model.
 */
function fromEnv(kind: 'table' | 'bucket' | 'queue' | 'topic', id: string): string {
  const name = resourceEnvName(kind, id);
  const value = process.env[name];
  if (!value) throw new Error(`${kind} "${id}" is not configured: environment variable ${name} is not set`);
  return value;
}

export const tableName = (id: string): string => fromEnv('table', id);
export const bucketName = (id: string): string => fromEnv('bucket', id);
export const queueUrl = (id: string): string => fromEnv('queue', id);
export const topicArn = (id: string): string => fromEnv('topic', id);
