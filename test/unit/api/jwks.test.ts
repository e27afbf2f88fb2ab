import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, createLocalJWKSet, importJWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { SecretsManagerSigningKeys } from '../../../src/aws/secrets-manager-signing-keys.js';
import { generateFeedKeySet } from '../../../src/feeds/feed-keys.js';
import { FileSigningKeys } from '../../../src/local/file-signing-keys.js';
import type { SigningKeys } from '../../../src/ports/signing-keys.js';
import { testApiDeps } from '../../support/api-deps.js';

const home = mkdtempSync(join(tmpdir(), 'tongyuan-jwks-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** Signs with the first private key of a stored set; the JWKS served by the API must verify it. */
async function signWith(privateJwk: Record<string, unknown>, payload: string): Promise<string> {
  const key = await importJWK(privateJwk as never, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid as string }).sign(key);
}

async function served(signingKeys: SigningKeys) {
  const response = await createApi(testApiDeps({ signingKeys })).request('/.well-known/jwks.json');
  return { response, text: await response.clone().text(), body: (await response.json()) as { keys: Record<string, unknown>[] } };
}

describe('/.well-known/jwks.json with the local key file', () => {
  const file = join(home, 'feed-signing-keys.json');
  const keys = new FileSigningKeys(file);

  it('publishes only the public Ed25519 members, and they verify a signature made with the private key', async () => {
    const { response, body } = await served(keys);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(body.keys).toHaveLength(1);
    expect(Object.keys(body.keys[0]!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA' });
    for (const member of PRIVATE_MEMBERS) expect(body.keys[0]).not.toHaveProperty(member);

    const stored = JSON.parse(readFileSync(file, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(stored.keys[0]!.d).toEqual(expect.any(String));
    const jws = await signWith(stored.keys[0]!, '{"feed":"penalties"}');
    const verified = await compactVerify(jws, createLocalJWKSet(body as never));
    expect(new TextDecoder().decode(verified.payload)).toBe('{"feed":"penalties"}');
  });

  it('keeps the key set in a file only its owner may read, and the same keys across restarts', async () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const first = (await served(keys)).body;
    const again = (await served(new FileSigningKeys(file))).body;
    expect(again).toEqual(first);
  });

  it('a signature by another key does not verify', async () => {
    const other = await generateFeedKeySet();
    const jws = await signWith({ ...(other.keys[0] as Record<string, unknown>), kid: (await served(keys)).body.keys[0]!.kid }, 'x');
    await expect(compactVerify(jws, createLocalJWKSet((await served(keys)).body as never))).rejects.toThrow();
  });
});

describe('/.well-known/jwks.json from Secrets Manager', () => {
  it('reads the private set from the named secret and serves only its public halves', async () => {
    const set = await generateFeedKeySet();
    const asked: string[] = [];
    const keys = new SecretsManagerSigningKeys(async (id) => (asked.push(id), JSON.stringify(set)), 'feed-signing-keys');
    const { body, text } = await served(keys);
    expect(asked).toEqual(['feed-signing-keys']);
    expect(body.keys.map((k) => k.kid)).toEqual([set.keys[0]!.kid]);
    expect(text).not.toContain(set.keys[0]!.d!);
    const jws = await signWith(set.keys[0] as Record<string, unknown>, 'signed');
    await expect(compactVerify(jws, createLocalJWKSet(body as never))).resolves.toBeDefined();
  });

  it('a secret that is not a key set is an internal failure, never echoed', async () => {
    const keys = new SecretsManagerSigningKeys(async () => '{"keys":[{"kty":"RSA","n":"secret-ish"}]}', 'feed-signing-keys');
    const app = createApi(testApiDeps({ signingKeys: keys, logger: { error: () => undefined } }));
    const response = await app.request('/.well-known/jwks.json');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret-ish');
  });
});
