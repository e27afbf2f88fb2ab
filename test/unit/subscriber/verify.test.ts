import { describe, expect, it } from 'vitest';
import { headHash, headOf } from '../../../src/feeds/canonical.js';
import { EventVerifier } from '../../../src/subscriber/verify.js';
import { jwksOf, newKeys, signedFeed } from './feed-events.js';

describe('EventVerifier', () => {
  it('accepts an event as signed, and refuses it once its data or its head changed', async () => {
    const keys = await newKeys();
    const jwks = await jwksOf(keys);
    const [event] = await signedFeed(1, keys);
    const verifier = new EventVerifier(async () => jwks);
    expect((await verifier.verify({ ...event! })).valid).toBe(true);
    const dataChanged = { ...event!, data: { ...event!.data, record: { 标题: '改过的文件' } } };
    expect((await verifier.verify(dataChanged)).valid).toBe(false);
    const headChanged = { ...event!, subject: 'doc-99' };
    expect((await verifier.verify(headChanged)).valid).toBe(false);
    // The head hash is what the chain links: a changed head is a different link too.
    expect(headHash(headOf({ ...headChanged }))).not.toBe(headHash(headOf({ ...event! })));
  });

  it('verifies an event signed with an older key of a rotated set', async () => {
    const older = await newKeys();
    const newer = await newKeys();
    const [oldEvent] = await signedFeed(1, older);
    const rotated = await jwksOf({ keys: [...newer.keys, ...older.keys] });
    const verifier = new EventVerifier(async () => rotated);
    expect(await verifier.verify({ ...oldEvent! })).toEqual({ valid: true, kid: older.keys[0]!.kid });
  });

  it('fetches the key set again, once, for a kid it does not hold (a key rotated in since)', async () => {
    const older = await newKeys();
    const newer = await newKeys();
    const sets = [await jwksOf(older), await jwksOf({ keys: [...newer.keys, ...older.keys] })];
    let fetches = 0;
    const verifier = new EventVerifier(async () => sets[Math.min(fetches++, 1)]!);
    const [byOld] = await signedFeed(1, older);
    const [byNew] = await signedFeed(1, newer);
    expect((await verifier.verify({ ...byOld! })).valid).toBe(true);
    expect(fetches).toBe(1);
    expect((await verifier.verify({ ...byNew! })).valid).toBe(true);
    expect(fetches).toBe(2);
  });

  it('does not fetch again and again for a kid nobody published', async () => {
    const published = await newKeys();
    const stranger = await newKeys();
    let fetches = 0;
    const jwks = await jwksOf(published);
    const verifier = new EventVerifier(async () => (fetches++, jwks));
    const [forged] = await signedFeed(2, stranger);
    expect((await verifier.verify({ ...forged! })).valid).toBe(false);
    expect((await verifier.verify({ ...forged! })).valid).toBe(false);
    expect(fetches).toBe(2);
  });
});
