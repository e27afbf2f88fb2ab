import schema from '../../schemas/service-item.schema.json' with { type: 'json' };
import { validate } from '../generated/service-item.validate.js';
import type { ServiceItem } from '../generated/service-item.types.js';
import { numberNotAbove } from './cross-field-rules.js';
import { defineRecordType } from './record-type.js';

export type { ServiceItem, ServiceItemType, ServiceChannel, ServiceFee, ServiceMaterial } from '../generated/service-item.types.js';

export const SERVICE_ITEM = 'service-item';

export const serviceItemType = defineRecordType<ServiceItem>({
  name: SERVICE_ITEM,
  schema,
  validator: validate,
  idOf: (record) => record.itemCode.normalize('NFKC').replace(/\s+/gu, ''),
  rules: [numberNotAbove('promisedTimeLimitDays', 'legalTimeLimitDays')],
});
