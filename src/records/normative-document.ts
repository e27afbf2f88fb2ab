import schema from '../../schemas/normative-document.schema.json' with { type: 'json' };
import { validate } from '../generated/normative-document.validate.js';
import type { NormativeDocument } from '../generated/normative-document.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { normalizeDecisionNumber } from './normalize-values.js';
import { defineRecordType, type CrossFieldRule } from './record-type.js';

export type {
  NormativeDocument,
  DocumentValidity,
  DisclosureAttribute,
  IssuingAuthority,
  Interpretation,
  DocumentChange,
} from '../generated/normative-document.types.js';

export const NORMATIVE_DOCUMENT = 'normative-document';

/**
 * A 规范性文件 binds the public only once published, so it is always 主动公开: a source that
 * marks one 依申请公开 or 不予公开 is rejected, not silently published — either the document is
 * not a 规范性文件 or its attribute is wrong, and only the issuing body can say which.
 */
const alwaysProactive: CrossFieldRule = (candidate) =>
  candidate.disclosure === undefined || candidate.disclosure === 'proactive'
    ? []
    : [
        {
          path: '/disclosure',
          keyword: 'normativeDocumentProactive',
          message: `a normative document is always published proactively, not ${JSON.stringify(candidate.disclosure)}`,
          messageZh:
            '行政规范性文件应当主动公开，公开属性不得为依申请公开或不予公开（《浙江省行政规范性文件管理办法》、《中华人民共和国政府信息公开条例》第二十条）',
        },
      ];

/** A document is one subject across departments by its 文号 in GB/T 9704 form. */
export const normativeDocumentType = defineRecordType<NormativeDocument>({
  name: NORMATIVE_DOCUMENT,
  schema,
  validator: validate,
  idOf: (record) => normalizeDecisionNumber(record.documentNumber),
  rules: [
    dateNotBefore('publishedDate', 'signedDate'),
    dateNotBefore('effectiveDate', 'signedDate'),
    dateNotBefore('expiryDate', 'effectiveDate'),
    alwaysProactive,
  ],
});
