import type { AttributeValue } from '@aws-sdk/client-dynamodb-streams';

type Image = Record<string, AttributeValue>;

/** An attribute value with no member: what an empty map becomes on its way out of DynamoDB Local's stream. */
const isMemberless = (value: AttributeValue): boolean => Object.keys(value).length === 0;

/** Binary as a Lambda's stream event carries it: the event is JSON, so base64 text. */
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function restore(value: AttributeValue): AttributeValue {
  if (isMemberless(value)) return { M: {} };
  if (value.B) return { B: base64(value.B) as unknown as Uint8Array };
  if (value.BS) return { BS: value.BS.map(base64) as unknown as Uint8Array[] };
  if (value.M) return { M: restoreImage(value.M) };
  if (value.L) return { L: value.L.map(restore) };
  return value;
}

/**
 * A stream image as DynamoDB sends it: an empty map (an identity conflict's record, its field
 * sources) reads back from DynamoDB Local's stream as a value with no type at all, which no
 * unmarshaller accepts, so one such item would fail its whole batch. AWS sends `{ M: {} }`.
 * Binary (compressed SSOT content) reaches a Lambda as base64 text, not bytes: so here too.
 */
export function restoreImage(image: Image): Image {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, restore(value)]));
}
