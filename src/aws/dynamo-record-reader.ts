import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ObjectStore, RecordChange, RecordChanges, RecordReader } from '../ports/index.js';
import {
  CHANGED_INDEX,
  CONTRIBUTION_SK_PREFIX,
  CURRENT_SK,
  SOURCE_KEY_INDEX,
  VERSION_SK_PREFIX,
  recordPk,
  sourceRef,
  type StoredVersion,
} from '../ssot/model.js';
import { RecordOverflow } from '../ssot/overflow.js';
import { bodyOf, contributionFromItem, headFromItem, nameOfItem, resolveStoredVersion, type Item, type RecordName } from '../ssot/record-items.js';
import type { StoredContribution } from '../ssot/record-writes.js';
import { batchGetItems } from './dynamo-batch.js';
import { mapBounded } from '../util/map-bounded.js';
import { changesInWindows, type ChangeWindows } from './change-windows.js';
import { countQuery, queryPages } from './dynamo-query.js';

/** Index queries of one tombstone batch in flight at once. */
const INDEX_QUERY_CONCURRENCY = 8;

export interface RecordStoreOptions {
  /** Where content too large for an item goes (the raw bucket, under ssot-overflow/). */
  readonly overflow?: () => ObjectStore;
  readonly inlineLimitBytes?: number;
}

/**
 * Reads of the SSOT in DynamoDB (item shapes in ssot/record-items.ts). Records stored by
 * pointer come back with their content.
 */
export class DynamoRecordReader implements RecordReader, RecordChanges {
  protected readonly overflow: RecordOverflow;

  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly table: string,
    options: RecordStoreOptions = {},
  ) {
    this.overflow = new RecordOverflow(options.overflow, options.inlineLimitBytes);
  }

  protected async content(item: Item): Promise<Readonly<Record<string, unknown>>> {
    return this.overflow.load(bodyOf(item), String(item.pk));
  }

  protected async toStoredVersion(item: Item): Promise<StoredVersion> {
    return resolveStoredVersion(item, this.overflow);
  }

  /**
   * The record as it stands, or as it stood at `asOf` (the latest version stored at or
   * before it). A tombstone comes back with `deleted: true` and its last content;
   * undefined when the record did not exist (yet).
   */
  async read(recordType: string, recordId: string, options: { readonly asOf?: Date } = {}): Promise<StoredVersion | undefined> {
    const pk = recordPk(recordType, recordId);
    if (options.asOf === undefined) {
      const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk, sk: CURRENT_SK }, ConsistentRead: true }));
      return out.Item ? this.toStoredVersion(out.Item) : undefined;
    }
    const asOf = options.asOf.toISOString();
    // Newest first, so the first version stored at or before asOf is the answer.
    const newestFirst = { ...this.versionsQuery(pk), ScanIndexForward: false };
    for await (const items of queryPages(this.doc, newestFirst)) {
      const found = items.find((item) => String(item.storedAt) <= asOf);
      if (found) return this.toStoredVersion(found);
    }
    return undefined;
  }

  /** Every version of one record, oldest first, tombstones included. */
  async versions(recordType: string, recordId: string): Promise<StoredVersion[]> {
    const items: Item[] = [];
    for await (const page of queryPages(this.doc, this.versionsQuery(recordPk(recordType, recordId)))) items.push(...page);
    return Promise.all(items.map((item) => this.toStoredVersion(item)));
  }

  private versionsQuery(pk: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': pk, ':v': VERSION_SK_PREFIX },
      ConsistentRead: true,
    };
  }

  /** Live current records of one type (neither deleted nor in an identity conflict), page by page. */
  async *listCurrent(recordType: string): AsyncGenerator<StoredVersion[]> {
    for await (const items of queryPages(this.doc, this.liveOfType(recordType))) yield await Promise.all(items.map((item) => this.toStoredVersion(item)));
  }

  private liveOfType(recordType: string) {
    return {
      TableName: this.table,
      IndexName: 'byType',
      KeyConditionExpression: 'recordType = :t',
      // CONFLICT is a DynamoDB reserved word.
      FilterExpression: 'attribute_not_exists(deleted) AND attribute_not_exists(#conflict)',
      ExpressionAttributeNames: { '#conflict': 'conflict' },
      ExpressionAttributeValues: { ':t': recordType },
    };
  }

  /** The records of a type stored at or after `since`, by id and version, through the byTypeChanged index (eventually consistent), in windows. */
  changedSince(recordType: string, since: Date, windows?: ChangeWindows): AsyncGenerator<RecordChange[]> {
    return changesInWindows({ doc: this.doc, table: this.table, indexName: CHANGED_INDEX }, recordType, since, windows);
  }

  /** Current versions by id, read consistently in batches of 100; tombstones and conflicts included. */
  async readCurrent(recordType: string, recordIds: readonly string[]): Promise<StoredVersion[]> {
    const items = await this.readCurrentItems(recordIds.map((id) => recordPk(recordType, id)));
    return Promise.all([...items.values()].map((item) => this.toStoredVersion(item)));
  }

  countCurrent(recordType: string): Promise<number> {
    return countQuery(this.doc, this.liveOfType(recordType));
  }

  /**
   * The records a source row feeds (normally one), through the bySourceKey index: its
   * contribution items, and the current item of a record it is the only source of. The
   * index is eventually consistent: a row stored a moment ago may not be found yet.
   */
  async findBySourceKey(sourceId: string, sourceKey: string): Promise<RecordName[]> {
    const names = new Map<string, RecordName>();
    const bySourceRef = {
      TableName: this.table,
      IndexName: SOURCE_KEY_INDEX,
      KeyConditionExpression: 'sourceRef = :ref',
      ExpressionAttributeValues: { ':ref': sourceRef(sourceId, sourceKey) },
    };
    for await (const items of queryPages(this.doc, bySourceRef)) {
      for (const item of items) {
        const name = nameOfItem(item);
        names.set(recordPk(name.recordType, name.recordId), name);
      }
    }
    return [...names.values()];
  }

  /** findBySourceKey for many rows of one source, a bounded number of index queries in flight. */
  async findBySourceKeys(sourceId: string, sourceKeys: readonly string[]): Promise<Map<string, RecordName[]>> {
    const found = await mapBounded(sourceKeys, INDEX_QUERY_CONCURRENCY, (key) => this.findBySourceKey(sourceId, key));
    return new Map(sourceKeys.map((key, i) => [key, found[i]!]));
  }

  /** Current items by pk, read consistently. */
  protected async readCurrentItems(pks: readonly string[]): Promise<Map<string, Item>> {
    const items = await batchGetItems(
      this.doc,
      this.table,
      pks.map((pk) => ({ pk, sk: CURRENT_SK })),
      { consistentRead: true },
    );
    return new Map(items.map((item) => [String(item.pk), item]));
  }

  /**
   * Every active contribution of one record (as its current item `current` counts them),
   * content resolved. A sole source's row is the current item's content: it is taken from
   * there, whatever contribution item older data may still hold for it.
   */
  protected async readContributions(pk: string, current?: Item): Promise<StoredContribution[]> {
    const item = current ?? (await this.readCurrentItems([pk])).get(pk);
    if (!item) return [];
    const sources = headFromItem(item, {}).sources;
    const active = Object.keys(sources).filter((ref) => sources[ref]!.withdrawnAt === undefined);
    if (active.length === 1) {
      const ref = active[0]!;
      return [{ ref, record: await this.content(item), provenance: sources[ref]!.provenance, storedInCurrent: true }];
    }
    const items: Item[] = [];
    for await (const page of queryPages(this.doc, this.contributionsQuery(pk))) items.push(...page);
    const live = items.filter((c) => active.includes(String(c.sourceRef)) && c.withdrawnAt === undefined);
    return Promise.all(
      live.map(async (c) =>
        c.bodyInCurrent === true
          ? { ...contributionFromItem(c, await this.content(item)), storedInCurrent: true }
          : { ...contributionFromItem(c, await this.content(c)), storedInCurrent: false },
      ),
    );
  }

  /** The contribution items of one record, read consistently. */
  protected contributionsQuery(pk: string) {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': pk, ':s': CONTRIBUTION_SK_PREFIX },
      ConsistentRead: true,
    };
  }
}
