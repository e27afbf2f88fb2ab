/**
 * The three feeds, what each carries, and how their events are named (CloudEvents 1.0).
 * Feed ids are topic ids in src/infra/resources.ts; entities are the second-to-last but one
 * segment of an event type: `cn.gov.shaoxing.tongyuan.<feed>.<entity>.<action>.v1`.
 */
export const FEED_IDS = ['gazette', 'enforcement', 'yrd'] as const;
export type FeedId = (typeof FEED_IDS)[number];

export const isFeedId = (value: string): value is FeedId => (FEED_IDS as readonly string[]).includes(value);

/**
 * What a subscriber's grant lets it see of a record: `public` is what an open release shows
 * (L1 fields, free text redacted); `partner-government` adds the L2 and L3 fields a partner
 * government's grant covers, personal information masked. L4 fields never go out.
 */
export const FEED_VIEWS = ['public', 'partner-government'] as const;
export type FeedView = (typeof FEED_VIEWS)[number];

/** One kind of record on one feed: its entity name there and the actions it can announce. */
export interface FeedEntity {
  readonly feed: FeedId;
  readonly recordType: string;
  readonly entity: string;
  readonly actions: readonly string[];
  /**
   * Actions that take the record out of public view. Every subscriber of the entity receives
   * them whatever its filter says, since the statutory clocks run on them.
   */
  readonly leavingActions: readonly string[];
}

export const FEED_ENTITIES: readonly FeedEntity[] = [
  {
    feed: 'gazette',
    recordType: 'normative-document',
    entity: 'normative-document',
    actions: ['published', 'amended', 'corrected', 'repealed', 'expired', 'withdrawn'],
    // withdrawn: the source removed it, or it fell into an identity conflict (no content goes out).
    leavingActions: ['repealed', 'expired', 'withdrawn'],
  },
  {
    feed: 'gazette',
    recordType: 'gazette-issue',
    entity: 'gazette-issue',
    actions: ['published', 'corrected', 'withdrawn'],
    leavingActions: ['withdrawn'],
  },
  {
    feed: 'enforcement',
    recordType: 'enforcement-decision',
    entity: 'decision',
    actions: ['published', 'changed', 'withdrawn', 'expired'],
    leavingActions: ['withdrawn', 'expired'],
  },
  // The Yangtze-Delta feed speaks the national exchange profile (src/feeds/yrd-profile.ts).
  {
    feed: 'yrd',
    recordType: 'credit-record',
    entity: 'credit',
    actions: ['published', 'repaired', 'expired', 'withdrawn'],
    leavingActions: ['repaired', 'expired', 'withdrawn'],
  },
  {
    feed: 'yrd',
    recordType: 'enforcement-decision',
    entity: 'penalty-license',
    actions: ['published', 'changed', 'withdrawn', 'expired'],
    leavingActions: ['withdrawn', 'expired'],
  },
  {
    feed: 'yrd',
    recordType: 'property-rights-transaction',
    entity: 'property-rights',
    actions: ['announced', 'changed', 'closed', 'withdrawn'],
    leavingActions: ['withdrawn'],
  },
  {
    feed: 'yrd',
    recordType: 'service-item',
    entity: 'service-item',
    actions: ['changed', 'withdrawn'],
    leavingActions: ['withdrawn'],
  },
];

/** The feeds that carry a record type (a record type may go out on more than one). */
export const feedsByRecordType: Readonly<Record<string, readonly FeedId[]>> = FEED_ENTITIES.reduce<Record<string, FeedId[]>>((acc, e) => {
  (acc[e.recordType] ??= []).push(e.feed);
  return acc;
}, {});

/** The entity a record type is on a feed; undefined when the feed does not carry it. */
export function feedEntity(feed: FeedId, recordType: string): FeedEntity | undefined {
  return FEED_ENTITIES.find((e) => e.feed === feed && e.recordType === recordType);
}

export const EVENT_TYPE_BASE = 'cn.gov.shaoxing.tongyuan';

/** CloudEvents `source` of a feed's events. */
export const eventSource = (feed: FeedId): string => `/shaoxing/tongyuan/${feed}`;

/** CloudEvents `type` of an action on an entity of a feed. */
export const eventType = (feed: FeedId, entity: string, action: string): string => `${EVENT_TYPE_BASE}.${feed}.${entity}.${action}.v1`;

/** The district attribute of an event whose record names no district (全市: it concerns the whole city). */
export const CITYWIDE_DISTRICT = '全市';

/** Where the JSON Schema of an entity's event `data` is published (the AsyncAPI document embeds the same schemas). */
export const SCHEMA_BASE = 'https://tongyuan.sx.gov.cn/schemas/feeds';
export const dataSchemaUri = (feed: FeedId, entity: string): string => `${SCHEMA_BASE}/${feed}/${entity}.v1.schema.json`;
