import type { RuntimeConfig } from '../../config/runtime-config.js';
import { ConfigError } from '../../config/catalog-errors.js';

/**
 * The variable that carries the value of the `anonymous` usage plan's API key to the
 * authorizer. The CDK stack sets it from a generated secret at deploy time; the value is
 * not a credential (with the key source AUTHORIZER, API Gateway ignores keys that clients
 * send), it only names the usage plan that counts callers without a key.
 */
export const ANONYMOUS_USAGE_KEY_ENV = 'TONGYUAN_ANONYMOUS_USAGE_KEY';

/** API Gateway refuses an API key value shorter than this. */
const MIN_API_KEY_LENGTH = 20;

/** The anonymous plan's key from the authorizer's configuration, checked. */
export function anonymousUsageKeyOf(config: Pick<RuntimeConfig, 'env'>): string {
  const value = config.env[ANONYMOUS_USAGE_KEY_ENV];
  if (value === undefined || value.trim() === '') throw new ConfigError(`${ANONYMOUS_USAGE_KEY_ENV} is not set: the authorizer cannot admit anonymous callers`);
  if (value.length < MIN_API_KEY_LENGTH)
    throw new ConfigError(`${ANONYMOUS_USAGE_KEY_ENV} must be at least ${MIN_API_KEY_LENGTH} characters (an API Gateway key value)`);
  return value;
}
