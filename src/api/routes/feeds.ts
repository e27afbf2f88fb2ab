import type { Context, Hono } from 'hono';
import { FEED_TITLES, entitiesOf, eventTypesOf, feedTopicName } from '../../feeds/asyncapi/feed-info.js';
import type { FeedEventHead, FeedLogEntry } from '../../feeds/event.js';
import { FEED_IDS, eventSource, isFeedId, type FeedId } from '../../feeds/feeds.js';
import type { FeedLog } from '../../ports/feed-log.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_IMMUTABLE, CACHE_METADATA } from '../http/conditional.js';
import { pageLimit, unknownParameter } from '../http/query.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { FEED_EVENTS_PAGE, feedOpenApiPaths } from '../openapi/feed-paths.js';
import { invalidParameter, problemResponse } from '../problem.js';

export const feedPaths: OpenApiPaths = feedOpenApiPaths;

/** A head rebuilt member by member: whatever an adapter keeps beside it, only the CloudEvents head is answered. */
const headOnly = (h: FeedEventHead): FeedEventHead => ({
  specversion: h.specversion,
  id: h.id,
  source: h.source,
  type: h.type,
  subject: h.subject,
  time: h.time,
  datacontenttype: h.datacontenttype,
  dataschema: h.dataschema,
  sequence: h.sequence,
  prevhash: h.prevhash,
});

/** `after` as a sequence (0 when absent), or the 400 naming it. */
function afterOf(c: Context<ApiEnv>): number | Response {
  const raw = c.req.query('after');
  if (raw === undefined) return 0;
  const after = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(after)) return after;
  return invalidParameter(c, 'after', { zh: `须为非负整数（序号），收到“${raw}”`, en: `must be a sequence number (a non-negative integer); got "${raw}"` });
}

/** Up to `limit` entries after `after`, and whether the log holds more beyond them. */
async function pageOf(log: FeedLog, feed: FeedId, after: number, limit: number): Promise<{ entries: FeedLogEntry[]; more: boolean }> {
  const entries: FeedLogEntry[] = [];
  for await (const page of log.read(feed, { after, limit: limit + 1 })) {
    entries.push(...page);
    if (entries.length > limit) break;
  }
  return { entries: entries.slice(0, limit), more: entries.length > limit };
}

const feedNotFound = (c: Context<ApiEnv>, feed: string): Response =>
  problemResponse(c, 404, { zh: `没有订阅源“${feed}”，可用：${FEED_IDS.join(', ')}`, en: `no feed "${feed}"; known: ${FEED_IDS.join(', ')}` });

/** /v1/feeds and /v1/feeds/{feed}/events: what the feeds carry, and their event heads for checking the chain. */
export function registerFeedRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const base = deps.publicBaseUrl;
  const eventsUrl = (feed: FeedId) => `${base}/v1/feeds/${feed}/events`;

  app.get('/v1/feeds', async (c) => {
    const refused = unknownParameter(c, []);
    if (refused) return refused;
    const log = deps.feedLog;
    const feeds = await Promise.all(
      FEED_IDS.map(async (feed) => ({
        id: feed,
        title: FEED_TITLES[feed],
        source: eventSource(feed),
        topic: feedTopicName(feed),
        entities: entitiesOf(feed).map((e) => ({ entity: e.entity, recordType: e.recordType, actions: e.actions, leavingActions: e.leavingActions })),
        eventTypes: eventTypesOf(feed),
        ...(log ? { lastSequence: await log.lastSequence(feed) } : {}),
        events: eventsUrl(feed),
      })),
    );
    c.header('cache-control', CACHE_METADATA);
    return c.json({ feeds, asyncapi: `${base}/asyncapi.json` });
  });

  app.get('/v1/feeds/:feed/events', async (c) => {
    const feed = c.req.param('feed');
    if (!isFeedId(feed)) return feedNotFound(c, feed);
    const refused = unknownParameter(c, ['after', 'limit']);
    if (refused) return refused;
    const after = afterOf(c);
    if (after instanceof Response) return after;
    const limit = pageLimit(c, FEED_EVENTS_PAGE);
    if (limit instanceof Response) return limit;
    if (!deps.feedLog) return problemResponse(c, 503, { zh: '此部署未提供订阅源事件日志', en: 'this deployment does not serve the feed log' });

    const { entries, more } = await pageOf(deps.feedLog, feed, after, limit);
    const last = entries.at(-1)?.head.sequence;
    // The log is append-only and gapless: a full page never changes; the page at the tip grows.
    c.header('cache-control', entries.length === limit ? CACHE_IMMUTABLE : CACHE_METADATA);
    return c.json({
      feed,
      after,
      events: entries.map((e) => headOnly(e.head)),
      ...(more && last !== undefined ? { next: `${eventsUrl(feed)}?after=${last}&limit=${limit}` } : {}),
    });
  });
}
