/** PublishBatch and SendMessageBatch take at most 10 entries and 256 KiB in all. */
export const BATCH_ENTRIES = 10;
export const BATCH_BYTES = 256 * 1024;

/**
 * Splits items, in order, into as few consecutive batches as fit the limits: a batch closes
 * when the next item would take it over either. An item alone over the byte limit still gets
 * a batch of its own, for the service to refuse by name.
 */
export function packBatches<T>(items: readonly T[], bytesOf: (item: T) => number, maxEntries = BATCH_ENTRIES, maxBytes = BATCH_BYTES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (current.length > 0 && (current.length >= maxEntries || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
