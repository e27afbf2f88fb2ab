import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordChange } from '../ports/index.js';

/** How a change listing splits its range: the first window's width, and about how many changes a window should bring. */
export interface ChangeWindows {
  readonly firstMs: number;
  readonly targetItems: number;
  /** Items per query page (DynamoDB's 1 MB page unless given; tests set it to see windows split). */
  readonly pageItems?: number;
}

export const CHANGE_WINDOWS: ChangeWindows = { firstMs: 60_000, targetItems: 2_000 };

/** A window no wider than this is read to its end however much it holds. */
const NARROWEST_SPLIT_MS = 1000;

export interface ChangeIndex {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  /** The current items' index by record type and storedAt. */
  readonly indexName: string;
}

/**
 * The records of a type stored at or after `since`, by id and version, in windows of storedAt
 * rather than one query to the end: on DynamoDB Local a page costs in proportion to what its
 * query has left after it, so one query over a run's changes grew with their square.
 *
 * The listing starts at the earliest change, not at `since` (a full read asks from the
 * beginning: windows doubling from there would reach the changes as one window over all of
 * them). A window whose first page does not end it is halved and asked again, so no window
 * holds much more than a page; one that brings few widens the next, unless it was just halved.
 * The last window is open-ended, so nothing stored meanwhile is missed.
 */
export async function* changesInWindows(
  index: ChangeIndex,
  recordType: string,
  since: Date,
  windows: ChangeWindows = CHANGE_WINDOWS,
): AsyncGenerator<RecordChange[]> {
  const end = Date.now();
  const earliest = await earliestChange(index, recordType, since);
  if (earliest === undefined) return;
  let from = earliest;
  let width = windows.firstMs;
  let mayWiden = true;
  for (;;) {
    const last = from + width > end;
    const pages = windowPages(index, recordType, from, last ? undefined : from + width - 1, windows.pageItems);
    const first = await pages.next();
    const span = last ? end - from : width;
    if (!first.done && first.value.more && span > NARROWEST_SPLIT_MS) {
      await pages.return(undefined);
      width = Math.floor(span / 2);
      mayWiden = false;
      continue;
    }
    let found = 0;
    for (let page = first; !page.done; page = await pages.next()) {
      found += page.value.changes.length;
      yield page.value.changes;
    }
    if (last) return;
    from += width;
    if (found > 0) mayWiden = true;
    if (found < windows.targetItems / 2 && mayWiden) width *= 2;
    else if (found > windows.targetItems * 2) width = Math.max(NARROWEST_SPLIT_MS, Math.floor(width / 2));
  }
}

/** The storedAt of the type's first change at or after `since`, in milliseconds; undefined when there is none. */
async function earliestChange(index: ChangeIndex, recordType: string, since: Date): Promise<number | undefined> {
  const answer = await index.doc.send(
    new QueryCommand({
      TableName: index.table,
      IndexName: index.indexName,
      KeyConditionExpression: 'recordType = :t AND storedAt >= :from',
      ExpressionAttributeValues: { ':t': recordType, ':from': since.toISOString() },
      ProjectionExpression: 'storedAt',
      Limit: 1,
    }),
  );
  const storedAt: unknown = answer.Items?.[0]?.storedAt;
  return typeof storedAt === 'string' ? Math.max(since.getTime(), Date.parse(storedAt)) : undefined;
}

/** The pages of one window [from, to] (to absent: open-ended), each saying whether more follow. */
async function* windowPages(
  index: ChangeIndex,
  recordType: string,
  from: number,
  to: number | undefined,
  pageItems: number | undefined,
): AsyncGenerator<{ readonly changes: RecordChange[]; readonly more: boolean }> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const answer = await index.doc.send(
      new QueryCommand({
        TableName: index.table,
        IndexName: index.indexName,
        KeyConditionExpression: `recordType = :t AND ${to === undefined ? 'storedAt >= :from' : 'storedAt BETWEEN :from AND :to'}`,
        ExpressionAttributeValues: {
          ':t': recordType,
          ':from': new Date(from).toISOString(),
          // BETWEEN includes its bound: the next window starts a millisecond after it.
          ...(to === undefined ? {} : { ':to': new Date(to).toISOString() }),
        },
        // VERSION is not reserved today; the name keeps it safe if it becomes so.
        ProjectionExpression: 'recordId, #version',
        ExpressionAttributeNames: { '#version': 'version' },
        ...(pageItems !== undefined ? { Limit: pageItems } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    startKey = answer.LastEvaluatedKey;
    yield { changes: (answer.Items ?? []).map((item) => ({ id: String(item.recordId), version: Number(item.version) })), more: startKey !== undefined };
  } while (startKey);
}
