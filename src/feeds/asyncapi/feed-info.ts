import { FEED_ENTITIES, eventType, type FeedEntity, type FeedId } from '../feeds.js';

/** What a feed is called, in Chinese and English (GET /v1/feeds and the AsyncAPI channels say the same). */
export const FEED_TITLES: Readonly<Record<FeedId, { readonly zh: string; readonly en: string }>> = {
  gazette: { zh: '政府公报与规范性文件', en: 'Gazette and normative documents' },
  enforcement: { zh: '行政执法公示', en: 'Law-enforcement disclosure' },
  yrd: {
    zh: '长三角数据共享（信用、双公示、产权交易、跨省通办）',
    en: 'Yangtze River Delta exchange (credit, 双公示, property rights, cross-province services)',
  },
};

/** The SNS topic a feed's events are published on. */
export const feedTopicName = (feed: FeedId): string => `tongyuan-${feed}.fifo`;

export const entitiesOf = (feed: FeedId): readonly FeedEntity[] => FEED_ENTITIES.filter((e) => e.feed === feed);

/** Every event type a feed can carry, entity by entity, action by action. */
export const eventTypesOf = (feed: FeedId): readonly string[] => entitiesOf(feed).flatMap((e) => e.actions.map((a) => eventType(feed, e.entity, a)));
