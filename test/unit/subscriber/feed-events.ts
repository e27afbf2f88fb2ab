import { chainHeads, emptyTip } from '../../../src/feeds/chain.js';
import type { FeedEvent, FeedLogEntry } from '../../../src/feeds/event.js';
import { signedEvent } from '../../../src/feeds/event-message.js';
import { generateFeedKeySet, publicSetOf, type PrivateKeySet } from '../../../src/feeds/feed-keys.js';
import { dataSchemaUri, eventSource, eventType, type FeedId } from '../../../src/feeds/feeds.js';
import { JwkFeedSigner } from '../../../src/feeds/signature.js';

/**
 * `count` events of one feed, chained from its genesis and signed with `keys` (the newest key of
 * the set). `ids` overrides event ids by position (an id logged again at a later sequence).
 */
export async function signedFeed(
  count: number,
  keys: PrivateKeySet,
  feed: FeedId = 'gazette',
  idsAt: Readonly<Record<number, string>> = {},
): Promise<FeedEvent[]> {
  const entity = 'normative-document';
  const ids = Array.from({ length: count }, (_, i) => idsAt[i] ?? `normative-document/doc-${i + 1}/v1`);
  const { heads } = chainHeads(
    emptyTip(feed),
    ids.map((id, i) => ({
      specversion: '1.0' as const,
      id,
      source: eventSource(feed),
      type: eventType(feed, entity, 'published'),
      subject: `doc-${i + 1}`,
      time: `2026-11-2${i % 10}T01:00:00Z`,
      datacontenttype: 'application/json' as const,
      dataschema: dataSchemaUri(feed, entity),
    })),
  );
  const signer = new JwkFeedSigner(async () => keys);
  return Promise.all(
    heads.map((head, i) => {
      const entry: FeedLogEntry = {
        feed,
        head,
        change: {
          recordType: entity,
          recordId: `doc-${i + 1}`,
          version: 1,
          contentHash: `h${i}`,
          entity,
          action: 'published',
          carriesRecord: true,
          district: '越城区',
        },
      };
      return signedEvent(
        entry,
        { recordType: entity, recordId: `doc-${i + 1}`, version: 1, contentHash: `h${i}`, view: 'public', record: { 标题: `文件 ${i + 1}` } },
        signer,
      );
    }),
  );
}

export const newKeys = generateFeedKeySet;
export const jwksOf = (keys: PrivateKeySet) => publicSetOf(keys, 'test keys');
