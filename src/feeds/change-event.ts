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
    readonly record: Readonly<Record<string, unknown>>;
  };
}

/**
 * The event id is the version's identity, so a redelivered stream record produces the
 * same id and subscribers deduplicate on it (CloudEvents: source + id is unique).
 */
export function changeEvent(version: StoredVersion, openColumns: readonly string[], schemaUri: string): ChangeEvent {
  // A tombstone (the source withdrew the record) is announced as withdrawn, with its last open content;
  // a record in identity conflict as withdrawn with none.
  const change = version.deleted || version.conflict ? 'withdrawn' : version.version === 1 ? 'published' : 'amended';
  const record = Object.fromEntries(openColumns.filter((c) => version.record[c] !== undefined).map((c) => [c, version.record[c]]));
  return {
    specversion: '1.0',
    id: `${version.recordType}/${version.recordId}/v${version.version}`,
    source: `${EVENT_SOURCE_BASE}/${version.recordType}`,
    type: `${EVENT_TYPE_BASE}.${version.recordType}.${change}.v1`,
    subject: version.recordId,
    time: version.storedAt,
    datacontenttype: 'application/json',
    dataschema: schemaUri,
    data: { recordType: version.recordType, recordId: version.recordId, version: version.version, contentHash: version.contentHash, record },
  };
}
