import type { Withheld } from '../disclosure/withdrawals.js';
import type { WithdrawalReason } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { EVENT_SOURCE_BASE, EVENT_TYPE_BASE } from './feeds.js';

/** A CloudEvents 1.0 structured-mode JSON event describing one new SSOT version. */
export interface ChangeEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  readonly data: {
    readonly recordType: string;
    readonly recordId: string;
    readonly version: number;
    readonly contentHash: string;
    /** The open fields; absent when a decision stops being public (revoked, suspended, expired). */
    readonly record?: Readonly<Record<string, unknown>>;
    /** Why it stopped being public (行政处罚法 第四十八条: a withdrawal states its reason). */
    readonly reason?: WithdrawalReason;
    /** The last public day of an expired decision. */
    readonly publicUntil?: string;
  };
}

/**
 * The event id is the version's identity, so a redelivered stream record produces the
 * same id and subscribers deduplicate on it (CloudEvents: source + id is unique). An
 * expiry is one event per record and period, whoever notices it first (the daily
 * re-evaluation or the routing of a later version): its id names the last public day.
 */
export function changeEvent(version: StoredVersion, openColumns: readonly string[], schemaUri: string, withheld?: Withheld): ChangeEvent {
  const base = {
    specversion: '1.0' as const,
    source: `${EVENT_SOURCE_BASE}/${version.recordType}`,
    subject: version.recordId,
    datacontenttype: 'application/json' as const,
    dataschema: schemaUri,
  };
  const identity = { recordType: version.recordType, recordId: version.recordId, version: version.version, contentHash: version.contentHash };
  const versionId = `${version.recordType}/${version.recordId}/v${version.version}`;
  if (withheld?.reason === 'expired') {
    return {
      ...base,
      id: `${version.recordType}/${version.recordId}/expired/${withheld.publicUntil ?? 'unknown'}`,
      type: `${EVENT_TYPE_BASE}.${version.recordType}.expired.v1`,
      time: withheld.expiredAt ?? version.storedAt,
      data: { ...identity, reason: 'expired', ...(withheld.publicUntil ? { publicUntil: withheld.publicUntil } : {}) },
    };
  }
  if (withheld) {
    // A revoked or suspended decision is withdrawn without its content: the event must not publish it again.
    return {
      ...base,
      id: versionId,
      type: `${EVENT_TYPE_BASE}.${version.recordType}.withdrawn.v1`,
      time: version.storedAt,
      data: { ...identity, reason: withheld.reason },
    };
  }
  // A tombstone (the source withdrew the record) is announced as withdrawn, with its last open content;
  // a record in identity conflict as withdrawn with none (its content is empty).
  const change = version.deleted || version.conflict ? 'withdrawn' : version.version === 1 ? 'published' : 'amended';
  const record = Object.fromEntries(openColumns.filter((c) => version.record[c] !== undefined).map((c) => [c, version.record[c]]));
  return {
    ...base,
    id: versionId,
    type: `${EVENT_TYPE_BASE}.${version.recordType}.${change}.v1`,
    time: version.storedAt,
    data: { ...identity, record, ...(version.deleted ? { reason: 'removed' as const } : version.conflict ? { reason: 'identity-conflict' as const } : {}) },
  };
}
