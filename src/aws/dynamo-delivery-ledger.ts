import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryCounts, DeliveryLedger, FeedReceipt, LeavingDelivery } from '../ports/delivery-ledger.js';

/** The delivery ledger in the `feeds` table (see the port for the contract). */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  recordSent(_sent: readonly { readonly subscriber: string; readonly count: number }[], _leaving: readonly LeavingDelivery[]): Promise<void> {
    throw new Error(`DynamoDeliveryLedger(${this.table}).recordSent: not built yet ${String(Boolean(this.doc))}`);
  }

  recordReceipts(_receipts: readonly FeedReceipt[]): Promise<void> {
    throw new Error('DynamoDeliveryLedger.recordReceipts: not built yet');
  }

  counts(_subscriber: string): Promise<DeliveryCounts> {
    throw new Error('DynamoDeliveryLedger.counts: not built yet');
  }

  // eslint-disable-next-line require-yield
  async *leaving(_subscriber?: string): AsyncIterable<readonly LeavingDelivery[]> {
    throw new Error('DynamoDeliveryLedger.leaving: not built yet');
  }
}
