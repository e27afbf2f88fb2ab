import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { genesisHash, headHash } from '../../../src/feeds/canonical.js';
import type { FeedChangeRef, FeedEventHead } from '../../../src/feeds/event.js';
import { FEED_ENTITIES, FEED_IDS, dataSchemaUri, eventSource, eventType, type FeedId } from '../../../src/feeds/feeds.js';
import type { FeedLog } from '../../../src/ports/feed-log.js';
import { testApiDeps } from '../../support/api-deps.js';
import { MemoryFeedLog } from '../../support/memory-feeds.js';

interface HeadsPage {
  feed: string;
  after: number;
  events: (FeedEventHead & Record<string, unknown>)[];
  next?: string;
}

/** A log with `count` chained decision events on the enforcement feed, and one on the gazette. */
async function logWith(count: number): Promise<MemoryFeedLog> {
  const log = new MemoryFeedLog();
  const change = (id: string): FeedChangeRef => ({
    recordType: 'enforcement-decision',
    recordId: id,
    version: 1,
    contentHash: `hash-${id}`,
    entity: 'decision',
    action: 'published',
    carriesRecord: true,
    district: '越城区',
  });
  const event = (feed: FeedId, id: string) => ({
    head: {
      specversion: '1.0' as const,
      id: `enforcement-decision/${id}/v1`,
      source: eventSource(feed),
      type: eventType(feed, 'decision', 'published'),
      subject: id,
      time: '2026-11-27T01:00:00.000Z',
      datacontenttype: 'application/json' as const,
      dataschema: dataSchemaUri(feed, 'decision'),
    },
    change: change(id),
  });
  await log.append(
    'enforcement',
    Array.from({ length: count }, (_, i) => event('enforcement', `d-${i + 1}`)),
  );
  await log.append('gazette', [event('gazette', 'g-1')]);
  return log;
}

const get = async (log: FeedLog | undefined, path: string) => {
  const response = await createApi(testApiDeps(log ? { feedLog: log } : {})).request(path);
  return { response, body: (await response.json()) as Record<string, unknown> };
};

describe('GET /v1/feeds', () => {
  it('lists the three feeds with their entities, event types and last sequence', async () => {
    const { response, body } = await get(await logWith(7), '/v1/feeds');
    expect(response.status).toBe(200);
    const feeds = body.feeds as { id: string; entities: { entity: string }[]; eventTypes: string[]; lastSequence?: number; events: string }[];
    expect(feeds.map((f) => f.id)).toEqual([...FEED_IDS]);
    const enforcement = feeds.find((f) => f.id === 'enforcement')!;
    expect(enforcement.lastSequence).toBe(7);
    expect(feeds.find((f) => f.id === 'yrd')!.lastSequence).toBe(0);
    expect(enforcement.entities.map((e) => e.entity)).toEqual(FEED_ENTITIES.filter((e) => e.feed === 'enforcement').map((e) => e.entity));
    expect(enforcement.eventTypes).toContain('cn.gov.shaoxing.tongyuan.enforcement.decision.withdrawn.v1');
    expect(feeds.flatMap((f) => f.eventTypes)).toHaveLength(FEED_ENTITIES.reduce((n, e) => n + e.actions.length, 0));
    expect(enforcement.events).toBe('https://data.example/v1/feeds/enforcement/events');
    expect(body.asyncapi).toBe('https://data.example/asyncapi.json');
  });

  it('omits lastSequence where the deployment serves no feed log', async () => {
    const { response, body } = await get(undefined, '/v1/feeds');
    expect(response.status).toBe(200);
    for (const feed of body.feeds as Record<string, unknown>[]) expect(feed).not.toHaveProperty('lastSequence');
  });
});

describe('GET /v1/feeds/{feed}/events', () => {
  it('pages through heads by `next`, each page in order, the whole chain unbroken from genesis', async () => {
    const log = await logWith(25);
    const heads: FeedEventHead[] = [];
    let url: string | undefined = '/v1/feeds/enforcement/events?limit=10';
    const pages: number[] = [];
    while (url) {
      const { response, body } = await get(log, url.replace('https://data.example', ''));
      expect(response.status).toBe(200);
      const page = body as unknown as HeadsPage;
      pages.push(page.events.length);
      heads.push(...page.events);
      url = page.next;
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(heads.map((h) => h.sequence)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    heads.forEach((h, i) => expect(h.prevhash).toBe(i === 0 ? genesisHash('enforcement') : headHash(heads[i - 1]!)));
  });

  it('answers the heads after a sequence, as the log keeps them: no data, no signature, nothing beside the head', async () => {
    const log = await logWith(5);
    const { response, body } = await get(log, '/v1/feeds/enforcement/events?after=3');
    expect(response.status).toBe(200);
    const page = body as unknown as HeadsPage;
    expect(page).toMatchObject({ feed: 'enforcement', after: 3 });
    expect(page).not.toHaveProperty('next');
    expect(page.events).toEqual(
      log.entries
        .get('enforcement')!
        .slice(3)
        .map((e) => e.head),
    );
    for (const head of page.events) {
      expect(head).not.toHaveProperty('data');
      expect(head).not.toHaveProperty('signature');
      expect(head).not.toHaveProperty('change');
    }
  });

  it('answers only the CloudEvents head even when the log hands back more', async () => {
    const log = await logWith(2);
    const leaky: FeedLog = {
      ...log,
      lastSequence: (feed) => log.lastSequence(feed),
      append: (feed, events) => log.append(feed, events),
      async *read(feed, options) {
        for await (const page of log.read(feed, options)) yield page.map((e) => ({ ...e, head: { ...e.head, data: { secret: 1 }, signature: 'x..y' } }));
      },
    };
    const page = (await get(leaky, '/v1/feeds/enforcement/events')).body as unknown as HeadsPage;
    expect(page.events).toHaveLength(2);
    for (const head of page.events) expect(Object.keys(head).sort()).toEqual(Object.keys(log.entries.get('enforcement')![0]!.head).sort());
  });

  it('a full page is cacheable for good (the log only grows); the page at the tip is revalidated', async () => {
    const log = await logWith(4);
    expect((await get(log, '/v1/feeds/enforcement/events?limit=2')).response.headers.get('cache-control')).toContain('immutable');
    expect((await get(log, '/v1/feeds/enforcement/events?after=2&limit=5')).response.headers.get('cache-control')).toContain('must-revalidate');
  });

  it('a page that ends exactly at the tip has no next link; a full page before the tip does', async () => {
    const log = await logWith(4);
    expect((await get(log, '/v1/feeds/enforcement/events?limit=4')).body).not.toHaveProperty('next');
    expect((await get(log, '/v1/feeds/enforcement/events?limit=3')).body.next).toBe('https://data.example/v1/feeds/enforcement/events?after=3&limit=3');
    expect((await get(log, '/v1/feeds/enforcement/events?after=4')).body.events).toEqual([]);
  });

  it.each([
    ['after=-1', 'after'],
    ['after=abc', 'after'],
    ['after=1.5', 'after'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['cursor=x', 'cursor'],
  ])('refuses %s with a 400 naming %s', async (query, name) => {
    const { response, body } = await get(await logWith(1), `/v1/feeds/enforcement/events?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.invalidParams).toEqual([{ name, reason: expect.any(String) }]);
  });

  it('an unknown feed is a 404 problem naming the known ones', async () => {
    const { response, body } = await get(await logWith(1), '/v1/feeds/penalties/events');
    expect(response.status).toBe(404);
    expect(body.detail).toContain('gazette, enforcement, yrd');
  });

  it('without a feed log the route answers 503', async () => {
    const { response, body } = await get(undefined, '/v1/feeds/gazette/events');
    expect(response.status).toBe(503);
    expect(body.status).toBe(503);
  });
});

describe('GET /asyncapi.json', () => {
  it('serves the AsyncAPI document on the public base URL', async () => {
    const { response, body } = await get(undefined, '/asyncapi.json');
    expect(response.status).toBe(200);
    expect(body.asyncapi).toBe('3.0.0');
    expect(Object.keys(body.channels as object)).toEqual([...FEED_IDS]);
    expect((body.info as { description: string }).description).toContain('https://data.example/.well-known/jwks.json');
  });
});

describe('the OpenAPI document', () => {
  it('describes the feed routes', async () => {
    const { body } = await get(undefined, '/openapi.json');
    expect(Object.keys(body.paths as object)).toEqual(expect.arrayContaining(['/asyncapi.json', '/v1/feeds', '/v1/feeds/{feed}/events']));
  });
});
