import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { recordReceiptMessage } from '../../src/feeds/receipts.js';
import { withObservability } from '../../src/util/handler-middleware.js';

/** Each message is one subscriber's receipts; a malformed one fails alone (and, retried in vain, waits in the DLQ). */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  const processor = new BatchProcessor(EventType.SQS);
  const deliveries = app.deliveryLedger();
  const recordOne = async (message: SQSRecord): Promise<void> => {
    const { subscribers } = await app.catalog();
    await recordReceiptMessage(message.body, { subscribers, deliveries });
  };
  return withObservability(config, async (event: SQSEvent, context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordOne, processor, { context }),
  );
}

export const handler = atColdStart(createHandler);
