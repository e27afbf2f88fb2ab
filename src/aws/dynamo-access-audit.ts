import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chinaMidnight } from '../grants/china-day.js';
import type { AccessAuditEntry, AccessAuditLog } from '../ports/grant-store.js';

/**
 * The `access-audit` table: one item per keyed call under its grant (`grant#<id>`, sorted by
 * time: `<ISO instant>#<random>`), and one counter item per key and China day
 * (`quota#<keyId>`, `day#<YYYY-MM-DD>`) that ADD increments atomically. Every item carries
 * `expiresAt` (epoch seconds), the table's TTL attribute.
 */
export const AUDIT_TTL_ATTRIBUTE = 'expiresAt';

/**
 * Audit entries are kept three years: a grant lasts at most a year, and its use must stay
 * reviewable well after it ends (a complaint, a data-security inspection); China's
 * Cybersecurity Law asks network logs be kept at least six months, which this covers.
 */
export const AUDIT_RETENTION_SECONDS = 3 * 366 * 86_400;
/** A day's counter is needed only that day; it expires two days after the day began. */
const COUNTER_RETENTION_SECONDS = 2 * 86_400;

const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export class DynamoAccessAudit implements AccessAuditLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(entry: AccessAuditEntry): Promise<void> {
    const item = {
      pk: `grant#${entry.grantId}`,
      sk: `${entry.at}#${randomBytes(4).toString('hex')}`,
      ...entry,
      [AUDIT_TTL_ATTRIBUTE]: epochSeconds(entry.at) + AUDIT_RETENTION_SECONDS,
    };
    await this.doc.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  async trail(grantId: string, limit = 100): Promise<AccessAuditEntry[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `grant#${grantId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(({ pk: _pk, sk: _sk, [AUDIT_TTL_ATTRIBUTE]: _ttl, ...entry }) => entry as AccessAuditEntry);
  }

  async countCall(keyId: string, chinaDay: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `quota#${keyId}`, sk: `day#${chinaDay}` },
        UpdateExpression: 'ADD calls :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#ttl': AUDIT_TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': Math.floor(chinaMidnight(chinaDay).getTime() / 1000) + COUNTER_RETENTION_SECONDS },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.calls ?? 0);
  }
}
