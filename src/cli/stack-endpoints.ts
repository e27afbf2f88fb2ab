import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Composition } from '../app/composition.js';
import { createAwsClients } from '../aws/clients.js';
import { ConfigError } from '../config/catalog-errors.js';
import { loadRuntimeConfig, type Environment } from '../config/runtime-config.js';
import { resourceEnvName } from '../infra/resources.js';
import { ENDPOINTS_FILE } from '../local/stack.js';
import { processAlive } from '../util/process-alive.js';

/** Where the AWS side is, and the adapters configured for it. */
export type StackConnection =
  | { readonly kind: 'running-stack'; readonly pid: number; readonly app: Composition }
  | { readonly kind: 'environment'; readonly app: Composition }
  | { readonly kind: 'none' };

const compose = (env: Environment): Composition => {
  const config = loadRuntimeConfig(env);
  return new Composition(config, createAwsClients(config.aws));
};

/**
 * Where commands find the AWS side: a running `tongyuan up` on this home (its
 * endpoints.json: emulator endpoints, resource names, demo department addresses, read
 * into the configuration on top of `env`), or resource variables already in `env`
 * (LocalStack, an AWS account), or none.
 */
export function connectToStack(home: string, env: Environment): StackConnection {
  const file = join(home, ENDPOINTS_FILE);
  if (existsSync(file)) {
    let parsed: { pid?: unknown; env?: unknown };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
    } catch (error) {
      throw new ConfigError(`${file}: not readable as JSON: ${(error as Error).message}`);
    }
    if (typeof parsed.pid === 'number' && processAlive(parsed.pid) && typeof parsed.env === 'object' && parsed.env !== null) {
      const stackEnv = Object.fromEntries(Object.entries(parsed.env as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return { kind: 'running-stack', pid: parsed.pid, app: compose({ ...env, ...stackEnv }) };
    }
  }
  return env[resourceEnvName('table', 'state')] ? { kind: 'environment', app: compose(env) } : { kind: 'none' };
}
