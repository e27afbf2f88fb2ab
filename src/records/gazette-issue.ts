import schema from '../../schemas/gazette-issue.schema.json' with { type: 'json' };
import { validate } from '../generated/gazette-issue.validate.js';
import type { GazetteIssue } from '../generated/gazette-issue.types.js';
import type { IdentityField } from './identity.js';
import { defineRecordType } from './record-type.js';

export type { GazetteIssue, GazetteEntry } from '../generated/gazette-issue.types.js';

export const GAZETTE_ISSUE = 'gazette-issue';

const numberOrText = (value: unknown): string | undefined =>
  typeof value === 'number' ? String(value) : typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * Rows under one year and issue number are one issue only if they agree on its running
 * number (总期号) and its date: two different issues printed under one 期号 (a numbering slip
 * at the editorial office) are an identity conflict for the steward, never merged.
 */
export const gazetteIssueIdentity: readonly IdentityField[] = [
  { name: 'totalIssueNumber', label: '总期号', read: (record) => numberOrText(record.totalIssueNumber) },
  { name: 'publicationDate', label: '出版日期', read: (record) => numberOrText(record.publicationDate) },
];

/** `2021-04`: year and issue number within it. */
export const gazetteIssueType = defineRecordType<GazetteIssue>({
  name: GAZETTE_ISSUE,
  schema,
  validator: validate,
  idOf: (record) => `${record.year}-${String(record.issueNumber).padStart(2, '0')}`,
  identity: gazetteIssueIdentity,
});
