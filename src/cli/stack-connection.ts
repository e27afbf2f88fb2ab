import type { Composition } from '../app/composition.js';
import { ConfigError } from '../config/catalog.js';
import type { Environment } from '../config/runtime-config.js';
import { connectToStack } from './stack-endpoints.js';

/** The state directory `tongyuan up` runs on, as the CLI's other commands find it. */
export const tongyuanHome = (env: Environment): string => env.TONGYUAN_HOME ?? '.tongyuan';

/**
 * The adapters of the stack that commands read and write: a `tongyuan up` running on
 * TONGYUAN_HOME (its endpoints.json: `{ "pid": …, "env": { "<ENV_VAR>": "<value>" } }`,
 * every AWS endpoint and TONGYUAN_* resource variable), or resource variables already set
 * (LocalStack, an AWS account). Fails with what to do when there is neither.
 */
export function connectToRunningStack(env: Environment): Composition {
  const home = tongyuanHome(env);
  const connection = connectToStack(home, env);
  if (connection.kind === 'none') {
    throw new ConfigError(
      `no running tongyuan stack found in ${home} (start one with \`tongyuan up\`, or set TONGYUAN_HOME to its state directory), ` +
        'and no TONGYUAN_* resource variables are set for a deployed stack',
    );
  }
  return connection.app;
}
