/** What ingest sends to the normalize queue: a pointer to one raw batch (claim check). */
export interface NormalizeRequest {
  readonly kind: 'raw-batch';
  readonly sourceId: string;
  /** Key of the gzip'd batch in the raw bucket, byte for byte as the source sent it. */
  readonly rawKey: string;
  readonly itemCount: number;
  readonly pulledAt: string;
  /** The source run that sent it, and its number in the run (absent in older messages and outside runs). */
  readonly runId?: string;
  readonly runSeq?: number;
}

/**
 * Rows deleted in the source, by their source keys (the source's primary key). The SSOT
 * resolves each to its record through provenance.sourceKey. `observedAt` orders a
 * tombstone against upserts: one extracted at or before it must not revive the record.
 */
export interface TombstonesRequest {
  readonly kind: 'tombstones';
  readonly sourceId: string;
  readonly sourceKeys: readonly string[];
  /** vanished: absent from a complete snapshot; flagged: the source marked the row deleted. */
  readonly reason: 'vanished' | 'flagged';
  readonly observedAt: string;
  /** The raw batch that carried the deletion flags (flagged only). */
  readonly rawKey?: string;
  /** The source run that sent it, and its number in the run (absent in older messages and outside runs). */
  readonly runId?: string;
  readonly runSeq?: number;
}

/** A dropped file that could not be read: it goes to quarantine whole, with the reason and the line. */
export interface RejectedFileRequest {
  readonly kind: 'rejected-file';
  readonly sourceId: string;
  readonly name: string;
  /** Where the file now lies in the raw bucket. */
  readonly key: string;
  readonly contentHash: string;
  readonly line: number;
  /** Why, in English (bounded in size by ingest). */
  readonly reason: string;
  /** Why, in Chinese; absent on requests sent before reasons were bilingual. */
  readonly reasonZh?: string;
  /** Absent on older requests: rejected. */
  readonly disposition?: 'rejected' | 'held';
  readonly rejectedAt: string;
}

/** Every message on the normalize queue. */
export type NormalizeMessage = NormalizeRequest | TombstonesRequest | RejectedFileRequest;

/** Keys per tombstones message: well inside SQS's message size even for long keys. */
export const TOMBSTONE_KEYS_PER_MESSAGE = 500;

export function parseNormalizeMessage(body: string): NormalizeMessage {
  const value: unknown = JSON.parse(body);
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof v.sourceId !== 'string') throw new Error(`not a normalize request: ${body.slice(0, 200)}`);
  if (v.kind === 'raw-batch' && typeof v.rawKey === 'string') return value as NormalizeRequest;
  if (v.kind === 'tombstones' && Array.isArray(v.sourceKeys) && v.sourceKeys.every((k) => typeof k === 'string') && typeof v.observedAt === 'string') {
    return value as TombstonesRequest;
  }
  if (v.kind === 'rejected-file' && typeof v.key === 'string' && typeof v.reason === 'string' && typeof v.line === 'number')
    return value as RejectedFileRequest;
  throw new Error(`not a normalize request: ${body.slice(0, 200)}`);
}

/** A raw-batch request, or an error naming what the body is instead. */
export function parseNormalizeRequest(body: string): NormalizeRequest {
  const message = parseNormalizeMessage(body);
  if (message.kind !== 'raw-batch') throw new Error(`not a raw-batch request: ${body.slice(0, 200)}`);
  return message;
}

/** The run a message belongs to, when it carries a well-formed one. */
export function runOf(message: NormalizeMessage): { readonly runId: string; readonly runSeq: number } | undefined {
  if (message.kind === 'rejected-file') return undefined;
  const { runId, runSeq } = message;
  return typeof runId === 'string' && Number.isInteger(runSeq) && runSeq! > 0 ? { runId, runSeq: runSeq! } : undefined;
}
