import { describe, expect, it } from 'vitest';
import type { PrivateKeySet } from '../../../src/feeds/feed-keys.js';
import { MAX_PREVIOUS_KEYS, rotate } from '../../../src/feeds/key-rotation.js';

const key = (kid: string) => ({ kty: 'OKP', crv: 'Ed25519', x: `x-${kid}`, d: `d-${kid}`, kid });

describe('rotate', () => {
  it('creates the first key of an empty set', () => {
    expect(rotate({ keys: [] }, key('k1'))).toEqual({ set: { keys: [key('k1')] }, kid: 'k1', retired: [] });
  });

  it('puts the new key first and keeps the previous ones newest first', () => {
    const { set, retired } = rotate({ keys: [key('k2'), key('k1')] }, key('k3'));
    expect(set.keys.map((k) => k.kid)).toEqual(['k3', 'k2', 'k1']);
    expect(retired).toEqual([]);
  });

  it(`keeps at most ${MAX_PREVIOUS_KEYS} previous keys and names the ones it drops`, () => {
    let set: PrivateKeySet = { keys: [key('k1')] };
    for (const kid of ['k2', 'k3', 'k4']) set = rotate(set, key(kid)).set;
    const last = rotate(set, key('k5'));
    expect(last.set.keys.map((k) => k.kid)).toEqual(['k5', 'k4', 'k3', 'k2']);
    expect(last.retired).toEqual(['k1']);
  });

  it('does not keep a key twice and refuses a key without kid', () => {
    expect(rotate({ keys: [key('k1')] }, key('k1')).set.keys).toHaveLength(1);
    expect(() => rotate({ keys: [] }, { kty: 'OKP' })).toThrow(/no kid/);
  });
});
