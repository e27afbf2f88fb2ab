import { resourceEnvName, type FunctionDef } from './resources.js';

/** Physical names of the deployed (or emulated) resources, by model id. */
export interface PhysicalNames {
  readonly table: (id: string) => string;
  readonly bucket: (id: string) => string;
  readonly queueUrl: (id: string) => string;
  readonly topicArn: (id: string) => string;
}

export const SERVICE_NAME = 'tongyuan';

/**
 * The environment a function gets from the resource model: one variable per resource it
 * uses (named by `resourceEnvName`, read by `loadRuntimeConfig`) and its Powertools
 * service. The CDK stack and the local runtime both set exactly this, each adding only
 * what differs between Lambda and this machine (bundle paths, emulator endpoints).
 */
export function functionEnvironment(def: FunctionDef, names: PhysicalNames): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const { id } of def.uses.tables ?? []) environment[resourceEnvName('table', id)] = names.table(id);
  for (const { id } of def.uses.buckets ?? []) environment[resourceEnvName('bucket', id)] = names.bucket(id);
  for (const id of def.uses.queues ?? []) environment[resourceEnvName('queue', id)] = names.queueUrl(id);
  for (const id of def.uses.topics ?? []) environment[resourceEnvName('topic', id)] = names.topicArn(id);
  environment.POWERTOOLS_SERVICE_NAME = SERVICE_NAME;
  environment.POWERTOOLS_METRICS_NAMESPACE = SERVICE_NAME;
  return environment;
}
