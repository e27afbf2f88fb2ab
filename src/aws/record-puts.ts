import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { recordPk, versionSk } from '../ssot/model.js';
import { holdsSameVersion } from '../ssot/orphan-version.js';
import type { RecordOverflow, StoredBody } from '../ssot/overflow.js';
import { contributionItem, currentItem, versionItem, type Item } from '../ssot/record-items.js';
import type { RecordWrite } from '../ssot/record-writes.js';
import { LIVE_DELTA_ATTRIBUTE, liveDeltas } from '../ssot/live-count.js';

/**
 * One record's write without a transaction, in an order that leaves every crash point
 * readable and healable:
 *   1. contribution items (records with two or more sources only), each kept from going
 *      back to an older extraction of its row;
 *   2. version items, each put only if its key is free: a version is written once; each
 *      says how it changed its type's live count (ssot/live-count.ts), for the stream's counters;
 *   3. the current item, conditional on the revision read (or on its absence).
 * A version key already taken by other content is an orphan (a writer stopped between 2
 * and 3, or has not reached 3 yet): the caller re-reads and adopts it.
 */
export type PutOutcome =
  | { readonly kind: 'written'; readonly landed: number }
  /** Another writer moved the current item first. */
  | { readonly kind: 'lost'; readonly landed: number }
  | { readonly kind: 'orphan'; readonly orphan: Item; readonly landed: number };

export class RecordPuts {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly overflow: RecordOverflow,
  ) {}

  /** `landed`: the highest version this call put itself (0: none), which stays in the record's history whatever follows. */
  async put(write: RecordWrite, storedAt: string): Promise<PutOutcome> {
    const label = recordPk(write.name.recordType, write.name.recordId);
    // The current item and the newest version hold the same content: store it once.
    const bodies = new Map<Readonly<Record<string, unknown>>, Promise<StoredBody>>();
    const body = (record: Readonly<Record<string, unknown>>): Promise<StoredBody> => {
      if (!bodies.has(record)) bodies.set(record, this.overflow.store(record, label));
      return bodies.get(record)!;
    };
    await Promise.all(
      [...write.contributions].map(async ([ref, c]) => {
        const item = contributionItem(write.name, ref, c.entry, c.record ? await body(c.record) : undefined);
        // A newer row of this source, stored by a writer that lost or stopped, is kept: its own redelivery settles it.
        await this.conditionalPut(item, 'attribute_not_exists(pk) OR provenance.extractedAt <= :at', { ':at': c.entry.provenance.extractedAt });
      }),
    );
    let landed = 0;
    const deltas = liveDeltas(write.condition, write.versions);
    for (const [i, v] of write.versions.entries()) {
      const item = { ...versionItem(write.name, v, await body(v.record), storedAt), [LIVE_DELTA_ATTRIBUTE]: deltas[i]! };
      const held = await this.putVersion(item);
      if (held === 'put') landed = v.version;
      else if (held === undefined) return { kind: 'lost', landed };
      else if (!holdsSameVersion(held, v)) return { kind: 'orphan', orphan: held, landed };
      // The same content under that key: our own earlier attempt, or an equal write; go on.
    }
    const read = write.condition;
    const next = currentItem(write.name, write.next, await body(write.next.record), storedAt);
    // Revision 0 stands for "no current item yet" (an orphan adopted before any current item existed).
    const moved =
      read && read.revision > 0
        ? await this.conditionalPut(next, 'revision = :read OR (attribute_not_exists(revision) AND version = :read)', { ':read': read.revision })
        : await this.conditionalPut(next, 'attribute_not_exists(pk)');
    return { kind: moved ? 'written' : 'lost', landed };
  }

  /** 'put', or the item already under the version's key (undefined if it vanished, which versions never do). */
  private async putVersion(item: Item): Promise<'put' | Item | undefined> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
      );
      return 'put';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (error.Item) return unmarshall(error.Item);
      const key = { pk: item.pk, sk: versionSk(item.version as number) };
      return (await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
    }
  }

  /** False when the condition failed. */
  private async conditionalPut(item: Item, condition: string, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: item, ConditionExpression: condition, ...(values ? { ExpressionAttributeValues: values } : {}) }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
