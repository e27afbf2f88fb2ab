/**
 * Attempts (the first included) of a batch call whose entries a service may refuse or
 * leave unprocessed: SQS/SNS batches and DynamoDB BatchGet/BatchWrite share the limit.
 */
export const MAX_BATCH_ATTEMPTS = 5;

const BASE_DELAY_MS = 50;
const MAX_DELAY_MS = 2000;

/** Exponential backoff with full jitter after failed attempt `attempt` (1-based): retries of many callers spread out. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
