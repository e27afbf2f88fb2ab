import { normalizeIdentityValue, type IdentityField } from '../records/identity.js';
import type { ValidationIssue } from '../records/validation-issue.js';
import type { ConflictChange } from '../ssot/identity-conflict.js';
import type { ConflictSideEntry, ConflictValue, QuarantineEntry } from './entry.js';

/** The source key an identity conflict is kept under in each source's quarantine: one entry per record. */
export const conflictKey = (recordId: string): string => `conflict:${recordId}`;

export const isConflictKey = (sourceKey: string): boolean => sourceKey.startsWith('conflict:');

/** What the steward's queue must do for one conflict change: entries to write, entries to clear. */
export interface ConflictQueueChange {
  readonly put: readonly QuarantineEntry[];
  readonly remove: readonly { readonly sourceId: string; readonly sourceKey: string }[];
}

function issues(fields: readonly string[], labels: Readonly<Record<string, string>>, recordId: string): ValidationIssue[] {
  return fields.map((field) => ({
    path: `/${field}`,
    keyword: 'identity-conflict',
    message:
      `rows under record id ${recordId} disagree on ${field}: they are two cases, so nothing is merged or published ` +
      'until a source corrects or withdraws its row',
    messageZh: `同一记录标识 ${recordId} 下的来源记录「${labels[field] ?? field}」不一致，视为两个案件：不合并、不公开，待来源更正或撤回后自动恢复`,
  }));
}

/**
 * The quarantine entries of a conflict change: every source with a side gets one entry
 * (key `conflict:<recordId>`) holding all sides, each with its identity values raw and
 * normalized and its whole record; sources whose rows left the conflict, or all of them
 * when it is resolved, have theirs cleared.
 */
export function conflictQueueChange(change: ConflictChange, identity: readonly IdentityField[], quarantinedAt: string): ConflictQueueChange {
  const sourceKey = conflictKey(change.recordId);
  const after = change.after;
  const sides: ConflictSideEntry[] = (after?.conflict.sides ?? []).map((side) => {
    const record = after?.records[side.ref];
    const values: Record<string, ConflictValue> = {};
    for (const field of identity) {
      const raw = record ? field.read(record) : undefined;
      const normalized = side.identity[field.name] ?? (raw === undefined ? undefined : normalizeIdentityValue(raw));
      values[field.name] = { ...(raw === undefined ? {} : { raw }), ...(normalized === undefined ? {} : { normalized }) };
    }
    const { sourceId, sourceKey: rowKey, rawKey, index, extractedAt } = side.provenance;
    return { sourceId, sourceKey: rowKey, rawKey, index, extractedAt, identity: values, ...(record ? { record } : {}) };
  });
  const labels = Object.fromEntries(identity.map((field) => [field.name, field.label]));
  const fields = after?.conflict.fields ?? [];
  const put = [...new Set(sides.map((side) => side.sourceId))].map((sourceId): QuarantineEntry => {
    const own = sides.find((side) => side.sourceId === sourceId)!;
    return {
      kind: 'identity-conflict',
      sourceId,
      recordType: change.recordType,
      sourceKey,
      rawKey: own.rawKey,
      index: own.index,
      errors: issues(fields, labels, change.recordId),
      raw: '',
      quarantinedAt,
      extractedAt: own.extractedAt,
      conflict: { recordId: change.recordId, fields, labels, sides },
    };
  });
  const staying = new Set(put.map((entry) => entry.sourceId));
  const remove = change.before.filter((sourceId) => !staying.has(sourceId)).map((sourceId) => ({ sourceId, sourceKey }));
  return { put, remove };
}
