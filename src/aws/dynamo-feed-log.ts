import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedLogEntry } from '../feeds/event.js';
import type { FeedId } from '../feeds/feeds.js';
import type { FeedLog } from '../ports/feed-log.js';

/** The feed log in the `feeds` table (see the port for the contract). */
export class DynamoFeedLog implements FeedLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  append(_feed: FeedId, _events: Parameters<FeedLog['append']>[1]): Promise<FeedLogEntry[]> {
    throw new Error(`DynamoFeedLog(${this.table}).append: not built yet ${String(Boolean(this.doc))}`);
  }

  // eslint-disable-next-line require-yield
  async *read(_feed: FeedId, _options: { readonly after: number; readonly limit?: number }): AsyncIterable<readonly FeedLogEntry[]> {
    throw new Error('DynamoFeedLog.read: not built yet');
  }

  lastSequence(_feed: FeedId): Promise<number> {
    throw new Error('DynamoFeedLog.lastSequence: not built yet');
  }
}
