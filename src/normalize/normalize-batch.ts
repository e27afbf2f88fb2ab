import { gunzipSync } from 'node:zlib';
import type { SourceConfig } from '../config/catalog.js';
import type { Clock, ObjectStore } from '../ports/index.js';
import type { CandidateRecord, UpsertOutcome } from '../ssot/model.js';
import type { QuarantineEntry } from '../quarantine/dynamo-quarantine-store.js';
import type { ValidationIssue } from '../records/validation-issue.js';
import { MappingError } from '../mapping/mapping-error.js';
import type { NormalizeRequest } from './request.js';

/** What normalize needs to know of a canonical record type. */
export interface RecordTypeRules {
  validate(candidate: unknown): { valid: true; record: Readonly<Record<string, unknown>> } | { valid: false; errors: ValidationIssue[] };
  idOf(record: Readonly<Record<string, unknown>>): string;
}

export type Mapping = (raw: Readonly<Record<string, unknown>>) => unknown;

export interface NormalizeDeps {
  readonly raw: ObjectStore;
  readonly records: { upsert(candidates: readonly CandidateRecord[]): Promise<UpsertOutcome> };
  readonly quarantine: { put(entries: readonly QuarantineEntry[]): Promise<void> };
  readonly source: (sourceId: string) => SourceConfig;
  readonly recordType: (name: string) => RecordTypeRules;
  readonly mapping: (name: string) => Mapping;
  /** The items of a raw batch, as the source's connector reads them. */
  readonly itemsOf: (source: SourceConfig, rawBody: Uint8Array) => readonly unknown[];
  readonly clock: Clock;
}

export interface NormalizeOutcome extends UpsertOutcome {
  readonly valid: number;
  readonly quarantined: number;
}

/** Reads a raw batch, maps and validates each item, quarantines the invalid and upserts the rest. */
export async function normalizeBatch(request: NormalizeRequest, deps: NormalizeDeps): Promise<NormalizeOutcome> {
  const source = deps.source(request.sourceId);
  const rules = deps.recordType(source.recordType);
  const map = deps.mapping(source.mapping);
  const stored = await deps.raw.get(request.rawKey);
  if (!stored) throw new Error(`source ${source.id}: raw batch ${request.rawKey} is missing from the raw zone`);
  const items = deps.itemsOf(source, gunzipSync(stored));

  const now = deps.clock.now().toISOString();
  const candidates: CandidateRecord[] = [];
  const rejected: QuarantineEntry[] = [];
  const primaryKey = source.primaryKey ?? 'id';
  items.forEach((item: unknown, index) => {
    const keyValue = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[primaryKey] : undefined;
    const sourceKey = typeof keyValue === 'string' || typeof keyValue === 'number' ? String(keyValue) : `${request.rawKey}#${index}`;
    const quarantine = (errors: ValidationIssue[]) =>
      rejected.push({ sourceId: source.id, recordType: source.recordType, sourceKey, rawKey: request.rawKey, index, errors, raw: JSON.stringify(item), quarantinedAt: now });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      quarantine([{ path: '', keyword: 'type', message: 'source item is not a JSON object', messageZh: '源数据条目不是 JSON 对象' }]);
      return;
    }
    let mapped: unknown;
    try {
      mapped = map(item as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      quarantine([{ path: `/${error.sourceField}`, keyword: 'mapping', message: error.message, messageZh: `映射失败：源字段 ${error.sourceField}` }]);
      return;
    }
    const result = rules.validate(mapped);
    if (!result.valid) {
      quarantine(result.errors);
      return;
    }
    candidates.push({
      recordType: source.recordType,
      recordId: rules.idOf(result.record),
      record: result.record,
      provenance: { sourceId: source.id, rawKey: request.rawKey, index, sourceKey, extractedAt: request.pulledAt },
    });
  });

  if (rejected.length > 0) await deps.quarantine.put(rejected);
  const outcome = await deps.records.upsert(candidates);
  return { ...outcome, valid: candidates.length, quarantined: rejected.length };
}
