import type { AttributeValue } from '@aws-sdk/client-dynamodb-streams';

type Image = Record<string, AttributeValue>;

/** An attribute value with no member: what an empty map becomes on its way out of DynamoDB Local's stream. */
const isMemberless = (value: AttributeValue): boolean => Object.keys(value).length === 0;

function restore(value: AttributeValue): AttributeValue {
  if (isMemberless(value)) return { M: {} };
  if (value.M) return { M: restoreImage(value.M) };
  if (value.L) return { L: value.L.map(restore) };
  return value;
}

/**
 * A stream image as DynamoDB sends it: an empty map (an identity conflict's record, its field
 * sources) reads back from DynamoDB Local's stream as a value with no type at all, which no
 * unmarshaller accepts, so one such item would fail its whole batch. AWS sends `{ M: {} }`.
 */
export function restoreImage(image: Image): Image {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, restore(value)]));
}
