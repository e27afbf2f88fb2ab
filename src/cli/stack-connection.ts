import { ConfigError } from '../config/catalog.js';
import { connectToStack, type StackConnection } from './stack-endpoints.js';

/** The state directory `tongyuan up` runs on, as the CLI's other commands find it. */
export const tongyuanHome = (): string => process.env.TONGYUAN_HOME ?? '.tongyuan';

/**
 * Points this process's AWS clients at the stack that commands read and write: a
 * `tongyuan up` running on TONGYUAN_HOME (its endpoints.json: `{ "pid": …, "env": {
 * "<ENV_VAR>": "<value>" } }`, every AWS endpoint and TONGYUAN_* resource variable), or
 * resource variables already set (LocalStack, an AWS account). Fails with what to do
 * when there is neither.
 */
export function connectToRunningStack(): Exclude<StackConnection, { kind: 'none' }> {
  const home = tongyuanHome();
  const connection = connectToStack(home);
  if (connection.kind === 'none') {
    throw new ConfigError(
      `no running tongyuan stack found in ${home} (start one with \`tongyuan up\`, or set TONGYUAN_HOME to its state directory), ` +
        'and no TONGYUAN_* resource variables are set for a deployed stack',
    );
  }
  return connection;
}
