import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { normalizeMessage } from '../../src/normalize/normalize-message.js';
import { withObservability } from '../../src/util/handler-middleware.js';

/** Each message is one raw batch (or one set of tombstones); a failed one is reported alone and retried by SQS. */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  const processor = new BatchProcessor(EventType.SQS);
  const quarantine = app.quarantineStore();
  const normalizeOne = async (message: SQSRecord): Promise<void> => {
    const catalog = await app.catalog();
    const records = app.recordStore(catalog.sources);
    const deps = {
      catalog,
      batch: app.normalizeDeps(catalog),
      tombstone: records.tombstone.bind(records),
      quarantine: quarantine.put.bind(quarantine),
      runs: app.runCompletionDeps(catalog),
    };
    await normalizeMessage(message.body, deps);
  };
  return withObservability(config, async (event: SQSEvent, context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, normalizeOne, processor, { context }),
  );
}

export const handler = atColdStart(createHandler);
