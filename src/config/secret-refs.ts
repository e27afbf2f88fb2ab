import { ConfigError } from './catalog-errors.js';

/**
 * Secrets in source configuration are references, resolved when a value is used:
 * `${env:NAME}` (local runs), `${ssm:/parameter/path}` (SSM Parameter Store, decrypted)
 * and `${secret:name}` or `${secret:name#field}` (Secrets Manager, optionally one field
 * of a JSON secret). AWS lookups go through Powertools Parameters, which caches them.
 */
export type SecretProvider = (name: string) => Promise<string | undefined>;

export interface SecretProviders {
  readonly env: SecretProvider;
  readonly ssm: SecretProvider;
  readonly secret: SecretProvider;
}

const REFERENCE = /\$\{(env|ssm|secret):([^}]+)\}/g;
const CACHE_SECONDS = 300;

/** `${env:…}` against the configuration's environment map; SSM and Secrets Manager through Powertools Parameters. */
export const secretProviders = (env: Readonly<Record<string, string>>): SecretProviders => ({
  env: async (name) => env[name],
  ssm: async (path) => {
    const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
    return getParameter(path, { decrypt: true, maxAge: CACHE_SECONDS });
  },
  secret: async (name) => {
    const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
    const value = await getSecret(name, { maxAge: CACHE_SECONDS });
    return typeof value === 'string' ? value : value === undefined ? undefined : new TextDecoder().decode(value);
  },
});

async function lookUp(provider: keyof SecretProviders, reference: string, owner: string, providers: SecretProviders): Promise<string> {
  const [name = '', field] = provider === 'secret' ? reference.split('#', 2) : [reference];
  let value: string | undefined;
  try {
    value = await providers[provider](name);
  } catch (error) {
    throw new ConfigError(`${owner}: cannot read ${provider} "${name}": ${(error as Error).message}`);
  }
  if (value === undefined || value === '') {
    const what = provider === 'env' ? `environment variable ${name}` : `${provider} "${name}"`;
    throw new ConfigError(`${owner}: ${what} is referenced but not set`);
  }
  if (field === undefined) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigError(`${owner}: secret "${name}" is not JSON, so it has no field "${field}"`);
  }
  const picked = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[field] : undefined;
  if (typeof picked !== 'string' && typeof picked !== 'number') throw new ConfigError(`${owner}: secret "${name}" has no text field "${field}"`);
  return String(picked);
}

/** Replaces every reference in `value`; a missing one fails naming its owner (the source and field). */
export async function resolveSecretReferences(value: string, owner: string, providers: SecretProviders): Promise<string> {
  const found = [...value.matchAll(REFERENCE)];
  if (found.length === 0) return value;
  const resolved = await Promise.all(found.map((m) => lookUp(m[1] as keyof SecretProviders, m[2]!, owner, providers)));
  let i = 0;
  return value.replace(REFERENCE, () => resolved[i++]!);
}

/** The SSM parameters and Secrets Manager secrets a set of sources reads, each once, sorted. */
export interface SecretReferences {
  /** Parameter names as written after `ssm:` (e.g. `/tongyuan/credit/password`). */
  readonly ssmParameters: readonly string[];
  /** Secret names (or ARNs) as written after `secret:`, without a `#field`. */
  readonly secrets: readonly string[];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Every `${ssm:…}` and `${secret:…}` reference in the sources' definitions, so the
 * infrastructure can grant read access to exactly these and nothing else.
 */
export function secretReferencesOf(sources: readonly object[]): SecretReferences {
  const ssm = new Set<string>();
  const secrets = new Set<string>();
  for (const text of sources.flatMap(stringsIn)) {
    for (const [, provider, reference = ''] of text.matchAll(REFERENCE)) {
      if (provider === 'ssm') ssm.add(reference);
      if (provider === 'secret') secrets.add(reference.split('#', 1)[0]!);
    }
  }
  return { ssmParameters: [...ssm].sort(), secrets: [...secrets].sort() };
}
