import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { catalog } from '../../src/app/catalog-context.js';
import { normalizeDeps, quarantineStore, recordStore } from '../../src/app/composition.js';
import { normalizeBatch } from '../../src/normalize/normalize-batch.js';
import { rejectedFileEntry } from '../../src/normalize/quarantine-file.js';
import { parseNormalizeMessage } from '../../src/normalize/request.js';
import { logger } from '../../src/util/logger.js';

const processor = new BatchProcessor(EventType.SQS);

async function normalizeMessage(message: SQSRecord): Promise<void> {
  const request = parseNormalizeMessage(message.body);
  if (request.kind === 'tombstones') {
    const outcome = await recordStore((await catalog()).sources).tombstone(request);
    logger.info('tombstones applied', { sourceId: request.sourceId, keys: request.sourceKeys.length, reason: request.reason, outcome });
    return;
  }
  if (request.kind === 'rejected-file') {
    const { recordType } = (await catalog()).source(request.sourceId);
    await quarantineStore().put([rejectedFileEntry(request, recordType)]);
    logger.warn('unreadable file quarantined', { sourceId: request.sourceId, file: request.name, line: request.line, reason: request.reason });
    return;
  }
  const outcome = await normalizeBatch(request, normalizeDeps(await catalog()));
  logger.info('raw batch normalized', { sourceId: request.sourceId, rawKey: request.rawKey, ...outcome });
}

/** Each message is one raw batch (or one set of tombstones); a failed one is reported alone and retried by SQS. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, normalizeMessage, processor, { context });
