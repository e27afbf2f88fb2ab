import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { canonicalJson } from '../util/hash.js';
import { CONTENT_DICTIONARY_1 } from './content-dictionary.js';

/**
 * How SSOT items hold their content compactly, so a typical record's version and current
 * item each stay within one DynamoDB write unit (1 KB):
 *   body  the record: canonical JSON, deflated with a preset dictionary, as a Binary
 *   meta  the bookkeeping maps (provenance, sources, fieldSources, contributors), likewise
 * Each blob's first byte names its format, so a later dictionary can join without
 * rewriting stored items. Attributes that keys, conditions, filters or indexes use stay
 * plain, and so does a version's `liveDelta` (ssot/live-count.ts), which the stream's
 * consumer reads without decoding. Items written before (a plain `record` map and plain
 * maps) read as they are.
 * Hashes stay over the logical record, never over these bytes.
 */

export const BODY_ATTRIBUTE = 'body';
export const META_ATTRIBUTE = 'meta';
/** The maps an item keeps in `meta`: read only by the SSOT itself, never in an expression. */
export const PACKED_FIELDS = ['provenance', 'sources', 'fieldSources', 'contributors'] as const;

type Item = Record<string, unknown>;
type Content = Readonly<Record<string, unknown>>;

/** Format 1: deflate (raw) of canonical JSON with CONTENT_DICTIONARY_1. */
const FORMAT_DEFLATE_DICTIONARY_1 = 1;

/** Any JSON value as a compact blob of the current format (the feed log's pages use it too). */
export function encodeValue(value: unknown): Buffer {
  const deflated = deflateRawSync(Buffer.from(canonicalJson(value), 'utf8'), { level: 9, dictionary: CONTENT_DICTIONARY_1 });
  return Buffer.concat([Buffer.of(FORMAT_DEFLATE_DICTIONARY_1), deflated]);
}

/**
 * A stored blob as a reader meets it: Uint8Array from the SDK, a base64 string in a
 * Lambda's DynamoDB stream event (the event is JSON; unmarshall leaves binaries as given).
 */
function bytesOf(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  throw new Error(`${what}: stored content is neither binary nor base64`);
}

/** A blob encodeValue made, in any format it has made; `what` names the item in errors. */
export function decodeValue(value: unknown, what: string): unknown {
  const bytes = bytesOf(value, what);
  const format = bytes[0];
  if (format !== FORMAT_DEFLATE_DICTIONARY_1) throw new Error(`${what}: unknown content format ${String(format)}`);
  const json = inflateRawSync(bytes.subarray(1), { dictionary: CONTENT_DICTIONARY_1 }).toString('utf8');
  return JSON.parse(json) as unknown;
}

/** A record's content as an item's `body`. */
export const encodeContent = (record: Content): Buffer => encodeValue(record);

const decodedContent = new WeakMap<object, Content>();

/**
 * The content an item holds inline: its `body` decoded, or a plain `record` of an item
 * written before bodies were compressed. Undefined when the item holds it by pointer.
 */
export function inlineContent(item: Item, what: string): Content | undefined {
  const body = item[BODY_ATTRIBUTE];
  if (body === undefined) return item.record as Content | undefined;
  const known = typeof body === 'object' && body !== null ? decodedContent.get(body) : undefined;
  if (known) return known;
  const record = decodeValue(body, what) as Content;
  if (typeof body === 'object' && body !== null) decodedContent.set(body, record);
  return record;
}

/** An item to store: the maps in PACKED_FIELDS that it has, moved into one `meta` blob. */
export function packFields(item: Item): Item {
  const packed: Item = {};
  const rest: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    if ((PACKED_FIELDS as readonly string[]).includes(name)) packed[name] = value;
    else rest[name] = value;
  }
  return Object.keys(packed).length === 0 ? rest : { ...rest, [META_ATTRIBUTE]: encodeValue(packed) };
}

const unpackedItems = new WeakMap<object, Item>();

/**
 * An item as the SSOT reads it: its `meta` unpacked into the maps beside the other
 * attributes (an item without `meta` is already so). `body` is left for inlineContent.
 */
export function unpackFields(item: Item): Item {
  const meta = item[META_ATTRIBUTE];
  if (meta === undefined) return item;
  const known = unpackedItems.get(item);
  if (known) return known;
  const { [META_ATTRIBUTE]: _packed, ...rest } = item;
  const fields = decodeValue(meta, `item ${String(item.pk)} ${String(item.sk)}`) as Item;
  const unpacked = { ...rest, ...fields };
  unpackedItems.set(item, unpacked);
  return unpacked;
}

/** An item with everything it stores inline decoded: its maps unpacked and its content as `record`. */
export function decodedItem(item: Item): Item {
  const { [BODY_ATTRIBUTE]: _body, ...unpacked } = unpackFields(item);
  const record = inlineContent(item, `item ${String(item.pk)} ${String(item.sk)}`);
  return record === undefined ? unpacked : { ...unpacked, record };
}
