import schema from '../../schemas/property-rights-transaction.schema.json' with { type: 'json' };
import { validate } from '../generated/property-rights-transaction.validate.js';
import type { PropertyRightsTransaction } from '../generated/property-rights-transaction.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { defineRecordType } from './record-type.js';

export type { PropertyRightsTransaction, AssetType, TransactionStatus, TransactionParty } from '../generated/property-rights-transaction.types.js';

export const PROPERTY_RIGHTS_TRANSACTION = 'property-rights-transaction';

export const propertyRightsTransactionType = defineRecordType<PropertyRightsTransaction>({
  name: PROPERTY_RIGHTS_TRANSACTION,
  schema,
  validator: validate,
  idOf: (record) => record.projectNumber.normalize('NFKC').replace(/\s+/gu, '').toUpperCase(),
  rules: [dateNotBefore('listingEndDate', 'listingStartDate'), dateNotBefore('dealDate', 'listingStartDate')],
});
