import { describe, expect, it } from 'vitest';
import { genesisHash, headHash } from '../../../src/feeds/canonical.js';
import { chainHeads, emptyTip } from '../../../src/feeds/chain.js';
import type { UnsequencedHead } from '../../../src/ports/feed-log.js';

const head = (n: number): UnsequencedHead => ({
  specversion: '1.0',
  id: `gazette-issue/g${n}/v1`,
  source: '/shaoxing/tongyuan/gazette',
  type: 'cn.gov.shaoxing.tongyuan.gazette.gazette-issue.published.v1',
  subject: `g${n}`,
  time: '2026-11-27T01:00:00.000Z',
  datacontenttype: 'application/json',
  dataschema: 'https://example.org/gazette-issue.json',
});

describe('chainHeads', () => {
  it('starts a feed at 1 on its genesis hash and links each head to the one before', () => {
    const { heads, tip } = chainHeads(emptyTip('gazette'), [head(1), head(2), head(3)]);
    expect(heads.map((h) => h.sequence)).toEqual(['1', '2', '3']);
    expect(heads[0]!.prevhash).toBe(genesisHash('gazette'));
    expect(heads[1]!.prevhash).toBe(headHash(heads[0]!));
    expect(heads[2]!.prevhash).toBe(headHash(heads[1]!));
    expect(tip).toEqual({ sequence: 3, hash: headHash(heads[2]!) });
  });

  it('gives the same chain whether appended at once or in parts', () => {
    const whole = chainHeads(emptyTip('gazette'), [head(1), head(2), head(3)]);
    const first = chainHeads(emptyTip('gazette'), [head(1)]);
    const rest = chainHeads(first.tip, [head(2), head(3)]);
    expect([...first.heads, ...rest.heads]).toEqual(whole.heads);
    expect(rest.tip).toEqual(whole.tip);
  });

  it('makes a changed head break the next link', () => {
    const { heads } = chainHeads(emptyTip('gazette'), [head(1), head(2)]);
    expect(headHash({ ...heads[0]!, subject: 'other' })).not.toBe(heads[1]!.prevhash);
    expect(genesisHash('gazette')).not.toBe(genesisHash('yrd'));
  });

  it('leaves the tip where it was for no heads', () => {
    const tip = { sequence: 41, hash: 'h41' };
    expect(chainHeads(tip, [])).toEqual({ heads: [], tip });
  });
});
