import { createHash } from 'node:crypto';
import type { FeedChangeRef } from '../../src/feeds/event.js';
import { eventSource, eventType, type FeedId } from '../../src/feeds/feeds.js';
import type { UnsequencedHead } from '../../src/ports/feed-log.js';

/** An enforcement decision's publication as the fan-out hands it to the feed log, with a real content hash (64 hex digits). */
export function decisionEvent(recordId: string, version = 1, feed: FeedId = 'enforcement'): { head: UnsequencedHead; change: FeedChangeRef } {
  const id = `enforcement-decision/${recordId}/v${version}`;
  return {
    head: {
      specversion: '1.0',
      id,
      source: eventSource(feed),
      type: eventType(feed, 'decision', 'published'),
      subject: recordId,
      time: `2026-11-27T01:${String(version % 60).padStart(2, '0')}:00.000Z`,
      datacontenttype: 'application/json',
      dataschema: 'https://data.sx.gov.cn/schemas/enforcement-decision.json',
    },
    change: {
      recordType: 'enforcement-decision',
      recordId,
      version,
      contentHash: createHash('sha256').update(id).digest('hex'),
      entity: 'decision',
      action: 'published',
      carriesRecord: true,
      district: '越城区',
    },
  };
}
