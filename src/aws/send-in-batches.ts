import { backoffDelayMs, MAX_BATCH_ATTEMPTS, pause } from './retry.js';

/** The failure report SendMessageBatch and PublishBatch share. */
interface BatchFailure {
  readonly Id?: string;
  readonly Code?: string;
  readonly Message?: string;
}

/**
 * Sends entries in batches of `limit`, retrying the entries a batch call reports as
 * failed (with backoff) until they go through or the attempts run out.
 */
export async function sendInBatches<Entry extends { readonly Id: string }>(
  entries: readonly Entry[],
  limit: number,
  sendBatch: (batch: Entry[]) => Promise<{ readonly Failed?: readonly BatchFailure[] }>,
  target: string,
): Promise<void> {
  for (let start = 0; start < entries.length; start += limit) {
    let pending = entries.slice(start, start + limit);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const failures = (await sendBatch(pending)).Failed ?? [];
      const failed = new Set(failures.map((f) => f.Id));
      if (failed.size > 0 && attempt >= MAX_BATCH_ATTEMPTS) {
        const reasons = failures.map((f) => `${f.Code ?? '?'}: ${f.Message ?? ''}`).join('; ');
        throw new Error(`${target} refused ${failed.size} message(s) after ${attempt} attempts: ${reasons}`);
      }
      pending = pending.filter((entry) => failed.has(entry.Id));
      if (pending.length > 0) await pause(backoffDelayMs(attempt));
    }
  }
}
