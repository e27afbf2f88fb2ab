import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  GrantStateError,
  type AccessAuditEntry,
  type Application,
  type ApplicationStatus,
  type Decision,
  type Grant,
  type GrantStatus,
  type GrantStore,
} from '../ports/grant-store.js';
import { DynamoAccessAudit } from './dynamo-access-audit.js';
import { queryPages } from './dynamo-query.js';

/**
 * The `grants` table: one item per application (`application#<id>`), per grant (`grant#<id>`,
 * with its key's hash) and per key (`key#<sha256 hex>` → grant id), sort key naming the kind.
 * The `byStatus` index (listKey `application#pending`, `grant#active`, …; listedAt) lists them
 * by status, oldest first. Key and grant are read consistently, so a revocation is seen at once.
 */
export const GRANTS_STATUS_INDEX = 'byStatus';

const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['pending', 'approved', 'rejected'];
const GRANT_STATUSES: readonly GrantStatus[] = ['active', 'revoked'];
const BOOKKEEPING = ['pk', 'sk', 'listKey', 'listedAt', 'keyHash', 'revokedBy'] as const;

const applicationKey = (id: string) => ({ pk: `application#${id}`, sk: 'application' });
const grantKey = (id: string) => ({ pk: `grant#${id}`, sk: 'grant' });
const keyKey = (keyHash: string) => ({ pk: `key#${keyHash}`, sk: 'key' });

function stripped<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const name of BOOKKEEPING) delete copy[name];
  return copy as T;
}

const conditionFailed = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed') ?? false));

export class DynamoGrantStore implements GrantStore {
  private readonly audit: DynamoAccessAudit;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    auditTable: string,
  ) {
    this.audit = new DynamoAccessAudit(doc, auditTable);
  }

  async putApplication(application: Application): Promise<void> {
    const item = { ...applicationKey(application.id), listKey: `application#${application.status}`, listedAt: application.submittedAt, ...application };
    await this.doc.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async getApplication(id: string): Promise<Application | undefined> {
    return stripped<Application>(await this.get(applicationKey(id)));
  }

  async listApplications(status?: ApplicationStatus): Promise<Application[]> {
    const items = await this.listed((status ? [status] : APPLICATION_STATUSES).map((s) => `application#${s}`));
    return items.map((item) => stripped<Application>(item)!);
  }

  async approve(applicationId: string, decision: Decision, grant: Grant, keyHash: string): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: applicationKey(applicationId),
                UpdateExpression: 'SET #status = :approved, listKey = :listKey, decision = :decision, grantId = :grantId',
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':approved': 'approved',
                  ':pending': 'pending',
                  ':listKey': 'application#approved',
                  ':decision': decision,
                  ':grantId': grant.id,
                },
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { ...grantKey(grant.id), listKey: `grant#${grant.status}`, listedAt: grant.createdAt, keyHash, ...grant },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.table, Item: { ...keyKey(keyHash), grantId: grant.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new GrantStateError(`application ${applicationId} is not pending (or does not exist)`);
      throw error;
    }
  }

  async reject(applicationId: string, decision: Decision): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: applicationKey(applicationId),
          UpdateExpression: 'SET #status = :rejected, listKey = :listKey, decision = :decision',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':rejected': 'rejected', ':pending': 'pending', ':listKey': 'application#rejected', ':decision': decision },
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new GrantStateError(`application ${applicationId} is not pending (or does not exist)`);
      throw error;
    }
  }

  async getGrant(id: string): Promise<Grant | undefined> {
    return stripped<Grant>(await this.get(grantKey(id)));
  }

  grantByKeyHash = (keyHash: string): Promise<Grant | undefined> => new DynamoGrantLookup(this.doc, this.table).grantByKeyHash(keyHash);

  async grantForApplication(applicationId: string): Promise<Grant | undefined> {
    const grantId = (await this.getApplication(applicationId))?.grantId;
    return grantId === undefined ? undefined : this.getGrant(grantId);
  }

  async listGrants(status?: GrantStatus): Promise<Grant[]> {
    const items = await this.listed((status ? [status] : GRANT_STATUSES).map((s) => `grant#${s}`));
    return items.map((item) => stripped<Grant>(item)!);
  }

  async revoke(grantId: string, decision: Decision): Promise<{ grant: Grant; keyHash: string }> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: grantKey(grantId),
          UpdateExpression: 'SET #status = :revoked, listKey = :listKey, revokedAt = :at, revokeReason = :reason, revokedBy = :by',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':revoked': 'revoked',
            ':active': 'active',
            ':listKey': 'grant#revoked',
            ':at': decision.at,
            ':reason': decision.reason ?? '',
            ':by': decision.by,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { grant: stripped<Grant>(out.Attributes)!, keyHash: String(out.Attributes!.keyHash) };
    } catch (error) {
      if (conditionFailed(error)) throw new GrantStateError(`grant ${grantId} is not active (or does not exist)`);
      throw error;
    }
  }

  record = (entry: AccessAuditEntry): Promise<void> => this.audit.record(entry);
  trail = (grantId: string, limit?: number): Promise<AccessAuditEntry[]> => this.audit.trail(grantId, limit);
  countCall = (keyId: string, chinaDay: string): Promise<number> => this.audit.countCall(keyId, chinaDay);

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    return (await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
  }

  /** Items of these list keys, oldest first. */
  private async listed(listKeys: readonly string[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (const listKey of listKeys) {
      for await (const page of queryPages(this.doc, {
        TableName: this.table,
        IndexName: GRANTS_STATUS_INDEX,
        KeyConditionExpression: 'listKey = :listKey',
        ExpressionAttributeValues: { ':listKey': listKey },
      }))
        items.push(...page);
    }
    return items.sort((a, b) => String(a.listedAt).localeCompare(String(b.listedAt)));
  }
}

/** The one read the API authorizer makes: a key's hash → its grant, from the grants table alone. */
export class DynamoGrantLookup {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async grantByKeyHash(keyHash: string): Promise<Grant | undefined> {
    const key = await this.item(keyKey(keyHash));
    if (typeof key?.grantId !== 'string') return undefined;
    return stripped<Grant>(await this.item(grantKey(key.grantId)));
  }

  private async item(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    return (await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
  }
}
