import schema from '../../schemas/normative-document.schema.json' with { type: 'json' };
import { validate } from '../generated/normative-document.validate.js';
import type { NormativeDocument } from '../generated/normative-document.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { normalizeDecisionNumber } from './normalize-values.js';
import { defineRecordType } from './record-type.js';

export type {
  NormativeDocument,
  DocumentValidity,
  DisclosureAttribute,
  IssuingAuthority,
  Interpretation,
  DocumentChange,
} from '../generated/normative-document.types.js';

export const NORMATIVE_DOCUMENT = 'normative-document';

/** A document is one subject across departments by its 文号 in GB/T 9704 form. */
export const normativeDocumentType = defineRecordType<NormativeDocument>({
  name: NORMATIVE_DOCUMENT,
  schema,
  validator: validate,
  idOf: (record) => normalizeDecisionNumber(record.documentNumber),
  rules: [dateNotBefore('publishedDate', 'signedDate'), dateNotBefore('effectiveDate', 'signedDate'), dateNotBefore('expiryDate', 'effectiveDate')],
});
