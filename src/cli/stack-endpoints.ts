import { processAlive } from '../util/process-alive.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resetAwsClients } from '../aws/clients.js';
import { ConfigError } from '../config/catalog-errors.js';
import { resourceEnvName } from '../infra/resources.js';
import { ENDPOINTS_FILE } from '../local/stack.js';

export type StackConnection = { readonly kind: 'running-stack'; readonly pid: number } | { readonly kind: 'environment' } | { readonly kind: 'none' };


/**
 * Where `sync` finds the AWS side: a running `tongyuan up` on this home (its
 * endpoints.json: emulator endpoints, resource names, demo department addresses), or
 * resource variables already in the environment (LocalStack, an AWS account), or none.
 */
export function connectToStack(home: string): StackConnection {
  const file = join(home, ENDPOINTS_FILE);
  if (existsSync(file)) {
    let parsed: { pid?: unknown; env?: unknown };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
    } catch (error) {
      throw new ConfigError(`${file}: not readable as JSON: ${(error as Error).message}`);
    }
    if (typeof parsed.pid === 'number' && processAlive(parsed.pid) && typeof parsed.env === 'object' && parsed.env !== null) {
      for (const [name, value] of Object.entries(parsed.env as Record<string, unknown>)) if (typeof value === 'string') process.env[name] = value;
      resetAwsClients();
      return { kind: 'running-stack', pid: parsed.pid };
    }
  }
  return process.env[resourceEnvName('table', 'state')] ? { kind: 'environment' } : { kind: 'none' };
}
