import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretsManagerSigningKeys } from '../../../src/aws/secrets-manager-signing-keys.js';
import { jcs } from '../../../src/feeds/canonical.js';
import { generateFeedKeySet, publicSetOf, type PrivateKeySet } from '../../../src/feeds/feed-keys.js';
import { rotate } from '../../../src/feeds/key-rotation.js';
import { JwkFeedSigner, verifyEventSignature } from '../../../src/feeds/signature.js';
import { FileSigningKeys } from '../../../src/local/file-signing-keys.js';

const unsigned = {
  specversion: '1.0',
  id: 'enforcement-decision/d1/v1',
  source: '/shaoxing/tongyuan/enforcement',
  type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.published.v1',
  subject: 'd1',
  time: '2026-11-27T01:00:00.000Z',
  datacontenttype: 'application/json',
  dataschema: 'https://example.org/decision.json',
  sequence: '1',
  prevhash: 'abc',
  data: { recordType: 'enforcement-decision', recordId: 'd1', version: 1, contentHash: 'h', view: 'public', record: { 罚款金额: 5000 } },
};

async function signed(keys: PrivateKeySet): Promise<Record<string, unknown>> {
  const signature = await new JwkFeedSigner(async () => keys).signDetached(new TextEncoder().encode(jcs(unsigned)));
  return { ...unsigned, signature };
}

describe('feed event signatures', () => {
  it('verify with the public set, naming the key', async () => {
    const keys = await generateFeedKeySet();
    const check = await verifyEventSignature(await signed(keys), await publicSetOf(keys, 'test'));
    expect(check).toEqual({ valid: true, kid: keys.keys[0]!.kid });
  });

  it('fail when a data field was changed', async () => {
    const keys = await generateFeedKeySet();
    const event = await signed(keys);
    const tampered = { ...event, data: { ...unsigned.data, record: { 罚款金额: 50 } } };
    expect((await verifyEventSignature(tampered, await publicSetOf(keys, 'test'))).valid).toBe(false);
    expect((await verifyEventSignature({ ...event, sequence: '2' }, await publicSetOf(keys, 'test'))).valid).toBe(false);
  });

  it('fail against another key, and still verify after the key was rotated', async () => {
    const keys = await generateFeedKeySet();
    const event = await signed(keys);
    expect((await verifyEventSignature(event, await publicSetOf(await generateFeedKeySet(), 'other'))).valid).toBe(false);
    const rotated = rotate(keys, (await generateFeedKeySet()).keys[0]!).set;
    expect(await verifyEventSignature(event, await publicSetOf(rotated, 'rotated'))).toEqual({ valid: true, kid: keys.keys[0]!.kid });
    const newer = await signed(rotated);
    expect(await verifyEventSignature(newer, await publicSetOf(rotated, 'rotated'))).toEqual({ valid: true, kid: rotated.keys[0]!.kid });
  });

  it('rotate in the local key file, which stays private to its owner and never prints a private member', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feed-keys-'));
    try {
      const file = new FileSigningKeys(join(dir, 'keys.json'));
      const before = await file.keySet();
      const event = await signed(before);
      const rotation = await file.rotate();
      expect(rotation.kid).not.toBe(before.keys[0]!.kid);
      const reread = new FileSigningKeys(join(dir, 'keys.json'));
      expect((await reread.keySet()).keys.map((k) => k.kid)).toEqual([rotation.kid, before.keys[0]!.kid]);
      expect((await stat(join(dir, 'keys.json'))).mode & 0o777).toBe(0o600);
      const jwks = await reread.publicJwks();
      expect(JSON.stringify(jwks)).not.toContain('"d"');
      expect((await verifyEventSignature(event, { keys: [...jwks.keys] })).valid).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rotate in the AWS secret, which starts empty and asks for a rotation until then', async () => {
    const secrets = new Map([['feed-signing-keys', '{"keys":[]}']]);
    const keys = new SecretsManagerSigningKeys(
      async (id) => secrets.get(id),
      'feed-signing-keys',
      async (id, text) => void secrets.set(id, text),
    );
    await expect(keys.keySet()).rejects.toThrow(/tongyuan feeds rotate-key/);
    const first = await keys.rotate();
    const second = await keys.rotate();
    expect((await keys.keySet()).keys.map((k) => k.kid)).toEqual([second.kid, first.kid]);
    await expect(new SecretsManagerSigningKeys(async () => '{"keys":[]}', 'ro').rotate()).rejects.toThrow(/read-only/);
  });
});
