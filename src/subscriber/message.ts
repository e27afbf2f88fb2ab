/**
 * From an SQS message body to a complete CloudEvent: unwrap the SNS envelope (a subscription
 * without raw delivery), check it is a CloudEvents 1.0 event of a feed, and put back data
 * that travelled by claim check (`dataref`, CloudEvents dataref extension).
 */

/** Reads an `s3://bucket/key` object as text. */
export type ObjectFetcher = (uri: string) => Promise<string>;

export type Parsed = { readonly ok: true; readonly event: Record<string, unknown> } | { readonly ok: false; readonly reason: string };

const REQUIRED = ['id', 'source', 'type', 'subject', 'time', 'sequence', 'prevhash', 'signature'] as const;

export function parseEvent(body: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
  if (isObject(value) && value.Type === 'Notification' && typeof value.Message === 'string') return parseEvent(value.Message);
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  if (value.specversion !== '1.0') return { ok: false, reason: 'not CloudEvents 1.0 (specversion is not "1.0")' };
  const absent = REQUIRED.filter((name) => typeof value[name] !== 'string' || value[name] === '');
  if (absent.length > 0) return { ok: false, reason: `not a feed event: no ${absent.join(', ')}` };
  if (!/^[1-9][0-9]*$/.test(value.sequence as string)) return { ok: false, reason: 'sequence is not a positive decimal' };
  if (value.data === undefined && typeof value.dataref !== 'string') return { ok: false, reason: 'neither data nor dataref' };
  return { ok: true, event: value };
}

/**
 * The event with its data back when it came by claim check: the object holds the full event
 * (or its data alone); the signature covers the event with data and without dataref.
 */
export async function completeEvent(event: Record<string, unknown>, fetchObject: ObjectFetcher): Promise<Parsed> {
  if (event.data !== undefined || typeof event.dataref !== 'string') return { ok: true, event };
  const { dataref, ...rest } = event;
  if (!/^s3:\/\/[^/]+\/.+/.test(dataref)) return { ok: false, reason: `dataref is not an s3:// URI: ${dataref}` };
  let stored: unknown;
  try {
    stored = JSON.parse(await fetchObject(dataref));
  } catch (error) {
    return { ok: false, reason: `claim check ${dataref}: ${(error as Error).message}` };
  }
  const data = isObject(stored) && stored.specversion === '1.0' && 'data' in stored ? stored.data : stored;
  return { ok: true, event: { ...rest, data } };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `s3://bucket/key` split. */
export function s3Location(uri: string): { readonly bucket: string; readonly key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not an s3:// URI: ${uri}`);
  return { bucket: match[1]!, key: match[2]! };
}
