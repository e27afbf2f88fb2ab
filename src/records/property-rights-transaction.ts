import schema from '../../schemas/property-rights-transaction.schema.json' with { type: 'json' };
import { validate } from '../generated/property-rights-transaction.validate.js';
import type { PropertyRightsTransaction } from '../generated/property-rights-transaction.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { fieldIdentity, type IdentityField } from './identity.js';
import { defineRecordType } from './record-type.js';

export type {
  PropertyRightsTransaction,
  AssetType,
  TransactionStatus,
  TransactionParty,
  TransactionMethod,
  TransactionProjectType,
  TransfereeType,
} from '../generated/property-rights-transaction.types.js';

export const PROPERTY_RIGHTS_TRANSACTION = 'property-rights-transaction';

/** The transferor's unified social credit code, else its name. */
function transferorOf(record: Readonly<Record<string, unknown>>): string | undefined {
  const transferor = record.transferor as { readonly name?: unknown; readonly creditCode?: unknown } | undefined;
  const value = [transferor?.creditCode, transferor?.name].find((v) => typeof v === 'string' && v.trim() !== '');
  return value as string | undefined;
}

/**
 * The announcement and the result of a project are one record under its 项目编号, so the
 * status moves listed → dealt or terminated in place. Rows under one number are one project
 * only if the same transferor offers the same kind of asset: an exchange that hands a
 * number out twice has two projects, and neither is published until the steward decides.
 */
export const propertyRightsIdentity: readonly IdentityField[] = [
  { name: 'transferor', label: '转让方（统一社会信用代码/名称）', read: transferorOf },
  fieldIdentity('assetType', '标的类型'),
];

export const propertyRightsTransactionType = defineRecordType<PropertyRightsTransaction>({
  name: PROPERTY_RIGHTS_TRANSACTION,
  schema,
  validator: validate,
  idOf: (record) => record.projectNumber.normalize('NFKC').replace(/\s+/gu, '').toUpperCase(),
  identity: propertyRightsIdentity,
  rules: [
    dateNotBefore('listingEndDate', 'listingStartDate'),
    dateNotBefore('dealDate', 'listingStartDate'),
    // Bidding opens only when the listing period is over (《企业国有资产交易监督管理办法》, 国务院国资委 财政部令第32号).
    dateNotBefore('dealDate', 'listingEndDate'),
  ],
});
