import { countQuery, queryPages } from '../aws/dynamo-query.js';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { awsClients } from '../aws/clients.js';
import type { ObjectStore } from '../ports/index.js';
import { bodyOf, contributionFromItem, nameOfItem, resolveStoredVersion, type Item, type RecordName } from './record-items.js';
import type { Contribution } from './golden-merge.js';
import { CONTRIBUTION_SK_PREFIX, CURRENT_SK, SOURCE_KEY_INDEX, VERSION_SK_PREFIX, recordPk, sourceRef, type StoredVersion } from './model.js';
import { RecordOverflow } from './overflow.js';

/** BatchGetItem reads at most 100 keys. */
const BATCH_GET_LIMIT = 100;

/** A contribution as stored: with its own copy of the content, or sharing the current item's. */
export type StoredContribution = Contribution & { readonly storedInCurrent: boolean };

export interface RecordStoreOptions {
  /** Where content too large for an item goes (the raw bucket, under ssot-overflow/). */
  readonly overflow?: () => ObjectStore;
  readonly inlineLimitBytes?: number;
}

/**
 * Reads of the SSOT: current and as-of records, version history, listings, and the
 * record a source row feeds. Records stored by pointer come back with their content.
 */
export class DynamoRecordReader {
  protected readonly overflow: RecordOverflow;

  constructor(
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
      const out = await awsClients().doc.send(new GetCommand({ TableName: this.table, Key: { pk, sk: CURRENT_SK }, ConsistentRead: true }));
      return out.Item ? this.toStoredVersion(out.Item) : undefined;
    }
    const asOf = options.asOf.toISOString();
    // Newest first, so the first version stored at or before asOf is the answer.
    const newestFirst = { ...this.versionsQuery(pk), ScanIndexForward: false };
    for await (const items of queryPages(newestFirst)) {
      const found = items.find((item) => String(item.storedAt) <= asOf);
      if (found) return this.toStoredVersion(found);
    }
    return undefined;
  }

  /** Every version of one record, oldest first, tombstones included. */
  async versions(recordType: string, recordId: string): Promise<StoredVersion[]> {
    const items: Item[] = [];
    for await (const page of queryPages(this.versionsQuery(recordPk(recordType, recordId)))) items.push(...page);
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

  /** Live (not deleted) current records of one type, page by page. */
  async *listCurrent(recordType: string): AsyncGenerator<StoredVersion[]> {
    for await (const items of queryPages(this.liveOfType(recordType))) yield await Promise.all(items.map((item) => this.toStoredVersion(item)));
  }

  private liveOfType(recordType: string) {
    return {
      TableName: this.table,
      IndexName: 'byType',
      KeyConditionExpression: 'recordType = :t',
      FilterExpression: 'attribute_not_exists(deleted)',
      ExpressionAttributeValues: { ':t': recordType },
    };
  }

  countCurrent(recordType: string): Promise<number> {
    return countQuery(this.liveOfType(recordType));
  }

  /**
   * The records a source row feeds (normally one), through the bySourceKey index. The
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
    for await (const items of queryPages(bySourceRef)) {
      for (const item of items) {
        const name = nameOfItem(item);
        names.set(recordPk(name.recordType, name.recordId), name);
      }
    }
    return [...names.values()];
  }

  /** Current items by pk, read consistently, 100 keys per request. */
  protected async readCurrentItems(pks: readonly string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (let start = 0; start < pks.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = pks.slice(start, start + BATCH_GET_LIMIT).map((pk) => ({ pk, sk: CURRENT_SK }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        const out = await awsClients().doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.table] ?? []) found.set(item.pk as string, item);
        keys = (out.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (keys.length > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
      }
    }
    return found;
  }

  /**
   * Every live contribution of one record, content resolved; a sole contributor's
   * content is the current item's (`current`, read if not given).
   */
  protected async readContributions(pk: string, current?: Item): Promise<StoredContribution[]> {
    const items: Item[] = [];
    const contributions = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': pk, ':s': CONTRIBUTION_SK_PREFIX },
      ConsistentRead: true,
    };
    for await (const page of queryPages(contributions)) items.push(...page);
    const live = items.filter((item) => item.withdrawnAt === undefined);
    const currentContent = async () => this.content(current ?? (await this.readCurrentItems([pk])).get(pk) ?? {});
    return Promise.all(
      live.map(async (item) =>
        item.bodyInCurrent === true
          ? { ...contributionFromItem(item, await currentContent()), storedInCurrent: true }
          : { ...contributionFromItem(item, await this.content(item)), storedInCurrent: false },
      ),
    );
  }
}
