import { gunzipSync } from 'node:zlib';
import type { SourceConfig } from '../config/catalog.js';
import type { Clock, ObjectStore } from '../ports/index.js';
import type { CandidateRecord, UpsertOutcome } from '../ssot/model.js';
import type { QuarantineEntry } from '../quarantine/entry.js';
import type { IdentityField } from '../records/identity.js';
import type { ValidationIssue } from '../records/validation-issue.js';
import { queueConflicts } from './conflict-queue.js';
import { MappingError } from '../mapping/mapping-error.js';
import { mappingLabel, type MappingDefinition } from '../mapping/mapping.js';
import type { NormalizeRequest } from './request.js';
import { malformedTextIssue } from './text-integrity.js';

/** What normalize needs to know of a canonical record type. */
export interface RecordTypeRules {
  validate(candidate: unknown): { valid: true; record: Readonly<Record<string, unknown>> } | { valid: false; errors: ValidationIssue[] };
  idOf(record: Readonly<Record<string, unknown>>): string;
  /** Fields rows under one id must agree on (records/identity.ts); their conflicts are quarantined. */
  readonly identity?: readonly IdentityField[];
}

export interface NormalizeDeps {
  readonly raw: ObjectStore;
  readonly records: { upsert(candidates: readonly CandidateRecord[]): Promise<UpsertOutcome> };
  readonly quarantine: {
    put(entries: readonly QuarantineEntry[]): Promise<void>;
    /** Rows now valid leave quarantine (unless their entry is from a later extraction). */
    release(sourceId: string, rows: readonly { readonly sourceKey: string; readonly extractedAt: string }[]): Promise<number>;
    /** Clears entries: an identity conflict that was resolved. */
    remove(sourceId: string, sourceKeys: readonly string[]): Promise<void>;
  };
  readonly source: (sourceId: string) => SourceConfig;
  readonly recordType: (name: string) => RecordTypeRules;
  /** The source's mapping, compiled from the field map in its configuration. */
  readonly mapping: (source: SourceConfig) => MappingDefinition;
  /** The items of a raw batch, as the source's connector reads them. */
  readonly itemsOf: (source: SourceConfig, rawBody: Uint8Array) => readonly unknown[];
  readonly clock: Clock;
}

export interface NormalizeOutcome extends Omit<UpsertOutcome, 'conflicts'> {
  readonly valid: number;
  readonly quarantined: number;
  /** Quarantine entries of rows that are valid now. */
  readonly released: number;
  /** Identity conflicts that arose or changed (written to quarantine), and that were resolved (cleared from it). */
  readonly conflictsRaised: number;
  readonly conflictsCleared: number;
}

/** One item of a raw batch, by its position in the batch. */
export interface BatchItem {
  readonly index: number;
  readonly item: unknown;
}

/** The items of a raw batch, read from the raw zone through the source's connector. */
export async function readRawItems(source: SourceConfig, rawKey: string, deps: Pick<NormalizeDeps, 'raw' | 'itemsOf'>): Promise<readonly unknown[]> {
  const stored = await deps.raw.get(rawKey);
  if (!stored) throw new Error(`source ${source.id}: raw batch ${rawKey} is missing from the raw zone`);
  return deps.itemsOf(source, gunzipSync(stored));
}

/** Reads a raw batch, maps and validates each item, quarantines the invalid and upserts the rest. */
export async function normalizeBatch(request: NormalizeRequest, deps: NormalizeDeps): Promise<NormalizeOutcome> {
  const source = deps.source(request.sourceId);
  const items = await readRawItems(source, request.rawKey, deps);
  return normalizeItems(
    source,
    request.rawKey,
    request.pulledAt,
    items.map((item, index) => ({ item, index })),
    deps,
  );
}

/** The row's own key (the source's primary key), or its position when it has none. */
export function sourceKeyOf(source: SourceConfig, rawKey: string, { item, index }: BatchItem): string {
  const keyValue = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[source.primaryKey ?? 'id'] : undefined;
  return typeof keyValue === 'string' || typeof keyValue === 'number' ? String(keyValue) : `${rawKey}#${index}`;
}

/** Maps and validates some items of one raw batch (all of them, or those a replay picked). */
export async function normalizeItems(
  source: SourceConfig,
  rawKey: string,
  extractedAt: string,
  items: readonly BatchItem[],
  deps: NormalizeDeps,
): Promise<NormalizeOutcome> {
  const rules = deps.recordType(source.recordType);
  const mapping = deps.mapping(source);
  const now = deps.clock.now().toISOString();
  const candidates: CandidateRecord[] = [];
  const rejected: QuarantineEntry[] = [];
  for (const batchItem of items) {
    const { item, index } = batchItem;
    const sourceKey = sourceKeyOf(source, rawKey, batchItem);
    const quarantine = (errors: ValidationIssue[]) =>
      rejected.push({
        sourceId: source.id,
        recordType: source.recordType,
        sourceKey,
        rawKey,
        index,
        errors,
        ...rawOf(item),
        quarantinedAt: now,
        extractedAt,
        mapping: mappingLabel(mapping),
      });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      quarantine([{ path: '', keyword: 'type', message: 'source item is not a JSON object', messageZh: '源数据条目不是 JSON 对象' }]);
      continue;
    }
    let mapped: unknown;
    try {
      mapped = mapping.map(item as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      quarantine([
        { path: '', keyword: 'mapping', message: error.message, messageZh: `映射失败：源字段 ${error.sourceField}`, sourceField: error.sourceField },
      ]);
      continue;
    }
    const malformed = malformedTextIssue(mapped);
    if (malformed) {
      quarantine([withSourceField(malformed, mapping)]);
      continue;
    }
    const result = rules.validate(mapped);
    if (!result.valid) {
      quarantine(result.errors.map((issue) => withSourceField(issue, mapping)));
      continue;
    }
    candidates.push({
      recordType: source.recordType,
      recordId: rules.idOf(result.record),
      record: result.record,
      provenance: { sourceId: source.id, rawKey, index, sourceKey, extractedAt },
    });
  }

  if (rejected.length > 0) await deps.quarantine.put(rejected);
  // The conflicts carry both sides' records: they go to the steward's queue, not into the outcome (which is logged).
  const { conflicts = [], ...outcome } = await deps.records.upsert(candidates);
  const queued = await queueConflicts(conflicts, deps.quarantine, (type) => deps.recordType(type).identity ?? [], now);
  const released = await deps.quarantine.release(
    source.id,
    candidates.map((c) => ({ sourceKey: c.provenance.sourceKey, extractedAt })),
  );
  return {
    ...outcome,
    valid: candidates.length,
    quarantined: rejected.length,
    released,
    conflictsRaised: queued.raised,
    conflictsCleared: queued.cleared,
  };
}

/**
 * The item as JSON for its quarantine entry; one nested too deep to serialize (a source can
 * send 10,000 levels) keeps only its locator, as an over-large one does, rather than failing the batch.
 */
function rawOf(item: unknown): { raw: string; rawTruncated?: true } {
  try {
    return { raw: JSON.stringify(item) ?? 'null' };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { raw: '', rawTruncated: true };
  }
}

function withSourceField(issue: ValidationIssue, mapping: MappingDefinition): ValidationIssue {
  const sourceField = mapping.sourceFieldOf(issue.path);
  return sourceField === undefined ? issue : { ...issue, sourceField };
}
