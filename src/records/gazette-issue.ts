import schema from '../../schemas/gazette-issue.schema.json' with { type: 'json' };
import { validate } from '../generated/gazette-issue.validate.js';
import type { GazetteIssue } from '../generated/gazette-issue.types.js';
import { defineRecordType } from './record-type.js';

export type { GazetteIssue, GazetteEntry } from '../generated/gazette-issue.types.js';

export const GAZETTE_ISSUE = 'gazette-issue';

/** `2021-04`: year and issue number within it. */
export const gazetteIssueType = defineRecordType<GazetteIssue>({
  name: GAZETTE_ISSUE,
  schema,
  validator: validate,
  idOf: (record) => `${record.year}-${String(record.issueNumber).padStart(2, '0')}`,
});
