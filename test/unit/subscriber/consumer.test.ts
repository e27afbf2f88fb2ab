import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/feeds/event.js';
import type { PrivateKeySet } from '../../../src/feeds/feed-keys.js';
import { Consumer } from '../../../src/subscriber/consumer.js';
import { loadState, saveState, SeenEvents } from '../../../src/subscriber/dedupe.js';
import { SequenceTracker } from '../../../src/subscriber/sequence-tracker.js';
import { EventVerifier } from '../../../src/subscriber/verify.js';
import { jwksOf, newKeys, signedFeed } from './feed-events.js';

const dir = mkdtempSync(join(tmpdir(), 'subscriber-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function consumerFor(keys: PrivateKeySet, seen = new SeenEvents(), objects: Record<string, string> = {}) {
  const jwks = await jwksOf(keys);
  return new Consumer({
    verifier: new EventVerifier(async () => jwks),
    seen,
    tracker: new SequenceTracker(5),
    fetchObject: async (uri) => {
      const text = objects[uri];
      if (text === undefined) throw new Error('NoSuchKey');
      return text;
    },
  });
}

const body = (event: FeedEvent | Record<string, unknown>) => JSON.stringify(event);

describe('Consumer', () => {
  it('accepts a redelivered message once, then calls it a duplicate, also after a restart from the state file', async () => {
    const keys = await newKeys();
    const [event] = await signedFeed(1, keys);
    const seen = new SeenEvents();
    const consumer = await consumerFor(keys, seen);
    expect((await consumer.handle(body(event!))).kind).toBe('accepted');
    expect(await consumer.handle(body(event!))).toEqual({ kind: 'duplicate', id: event!.id, problems: [] });

    const file = join(dir, 'state.json');
    await saveState(file, { seen: seen.list(), feeds: {} });
    const restarted = await consumerFor(keys, new SeenEvents((await loadState(file)).seen));
    expect((await restarted.handle(body(event!))).kind).toBe('duplicate');
  });

  it('drops an id logged again at a later sequence as a duplicate, and counts its sequence as received: no gap', async () => {
    const keys = await newKeys();
    // The feed log dedupes ids within its newest events only: beyond them an id is logged again.
    const events = await signedFeed(4, keys, 'gazette', { 2: 'normative-document/doc-1/v1' });
    const tracker = new SequenceTracker(2);
    const jwks = await jwksOf(keys);
    const consumer = new Consumer({ verifier: new EventVerifier(async () => jwks), seen: new SeenEvents(), tracker, fetchObject: async () => '' });
    const outcomes = [];
    for (const event of events) outcomes.push(await consumer.handle(body(event)));
    expect(outcomes.map((o) => o.kind)).toEqual(['accepted', 'accepted', 'duplicate', 'accepted']);
    expect(outcomes.flatMap((o) => ('problems' in o ? o.problems : []))).toEqual([]);
    expect(tracker.finish()).toEqual([]);
  });

  it('rejects a tampered copy of a seen event rather than dropping it as a duplicate', async () => {
    const keys = await newKeys();
    const [event] = await signedFeed(1, keys);
    const consumer = await consumerFor(keys);
    await consumer.handle(body(event!));
    const outcome = await consumer.handle(body({ ...event!, data: { ...event!.data, contentHash: 'forged' } }));
    expect(outcome.kind).toBe('rejected');
  });

  it('rejects what is not a signed CloudEvents 1.0 event, naming why', async () => {
    const keys = await newKeys();
    const [event] = await signedFeed(1, keys);
    const consumer = await consumerFor(keys);
    const reasons = async (text: string) => {
      const outcome = await consumer.handle(text);
      return outcome.kind === 'rejected' ? outcome.reason : outcome.kind;
    };
    expect(await reasons('{"specversion":')).toBe('malformed JSON');
    expect(await reasons(body({ ...event!, specversion: '0.3' }))).toMatch(/not CloudEvents 1.0/);
    const { signature: _s, ...unsigned } = event!;
    expect(await reasons(body(unsigned))).toMatch(/no signature/);
  });

  it('unwraps an SNS notification envelope', async () => {
    const keys = await newKeys();
    const [event] = await signedFeed(1, keys);
    const consumer = await consumerFor(keys);
    expect((await consumer.handle(JSON.stringify({ Type: 'Notification', Message: body(event!) }))).kind).toBe('accepted');
  });

  it('completes a claim-checked event from its object and verifies it whole', async () => {
    const keys = await newKeys();
    const [event, second] = await signedFeed(2, keys);
    const uri = 's3://feed-payloads/gazette/abc/public.json';
    const { data: _d, ...pointer } = { ...event!, dataref: uri };
    const consumer = await consumerFor(keys, new SeenEvents(), { [uri]: body(event!) });
    const outcome = await consumer.handle(body(pointer));
    expect(outcome.kind === 'accepted' && outcome.event.data).toEqual(event!.data);

    const { data: _d2, ...secondPointer } = { ...second!, dataref: 's3://feed-payloads/gazette/def/public.json' };
    const swapped = await consumerFor(keys, new SeenEvents(), { 's3://feed-payloads/gazette/def/public.json': JSON.stringify(event!.data) });
    expect((await swapped.handle(body(secondPointer))).kind).toBe('rejected'); // another event's data
    const missing = await consumer.handle(body({ ...secondPointer, dataref: 's3://feed-payloads/gone' }));
    expect(missing.kind === 'rejected' && missing.reason).toMatch(/claim check/);
  });

  it('reports a dropped message as a gap among accepted events', async () => {
    const keys = await newKeys();
    const events = await signedFeed(12, keys);
    const consumer = await consumerFor(keys);
    const problems = [];
    for (const e of events.filter((e) => e.sequence !== '4')) {
      const outcome = await consumer.handle(body(e));
      if (outcome.kind === 'accepted') problems.push(...outcome.problems);
    }
    expect(problems).toEqual([{ kind: 'gap', feed: 'gazette', from: 4, to: 4 }]);
  });
});
