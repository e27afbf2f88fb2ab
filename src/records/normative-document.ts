import schema from '../../schemas/normative-document.schema.json' with { type: 'json' };
import { validate } from '../generated/normative-document.validate.js';
import type { NormativeDocument } from '../generated/normative-document.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { fieldIdentity, issuerMatchKey, type IdentityField } from './identity.js';
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

/** The lead issuer (first of `issuingAuthorities`): a joint document is filed under it. */
const leadIssuer = (record: Readonly<Record<string, unknown>>): { code?: string; name: string } | undefined => {
  const lead = (record.issuingAuthorities as readonly { code?: unknown; name?: unknown }[] | undefined)?.[0];
  if (typeof lead?.name !== 'string') return undefined;
  return { name: lead.name, ...(typeof lead.code === 'string' ? { code: lead.code } : {}) };
};

/**
 * A document is one subject across departments by its lead issuer and its 文号 in GB/T
 * 9704 form (`<issuer code or name>:<文号>`): two issuers number their documents independently.
 */
export function normativeDocumentId(record: Pick<NormativeDocument, 'documentNumber' | 'issuingAuthorities'>): string {
  const issuer = leadIssuer(record) ?? { name: '' };
  return issuerMatchKey(issuer, record.documentNumber);
}

/** Rows under one id are one document only if they agree on its title, lead issuer and date signed. */
export const normativeDocumentIdentity: readonly IdentityField[] = [
  fieldIdentity('title', '文件标题'),
  { name: 'issuer', label: '发文机关（牵头）', read: (record) => leadIssuer(record)?.code ?? leadIssuer(record)?.name },
  fieldIdentity('signedDate', '成文日期'),
];

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
export const normativeDocumentType = defineRecordType<NormativeDocument>({
  name: NORMATIVE_DOCUMENT,
  schema,
  validator: validate,
  idOf: normativeDocumentId,
  identity: normativeDocumentIdentity,
  rules: [
    dateNotBefore('publishedDate', 'signedDate'),
    dateNotBefore('effectiveDate', 'signedDate'),
    dateNotBefore('expiryDate', 'effectiveDate'),
    alwaysProactive,
  ],
});
