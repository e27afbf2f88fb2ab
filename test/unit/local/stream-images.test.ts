import type { AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { restoreImage } from '../../../src/local/runtime/stream-images.js';

describe("DynamoDB Local's stream images", () => {
  it('an empty map that arrives with no type is read as an empty map again, nested ones too', () => {
    // As the stream client hands it over: `{}` is no AttributeValue the types know of.
    const image = { pk: { S: 'x' }, record: {}, sides: { L: [{ M: { identity: {} } }] }, version: { N: '2' } } as unknown as Record<string, AttributeValue>;
    expect(() => unmarshall(image)).toThrow('No value defined');
    expect(unmarshall(restoreImage(image))).toEqual({ pk: 'x', record: {}, sides: [{ identity: {} }], version: 2 });
  });
});

describe('binary in stream images', () => {
  it('reaches the handler as base64 text, as in a Lambda event, so the SSOT decodes it from there', () => {
    const bytes = Uint8Array.of(1, 2, 250, 255);
    const image = { pk: { S: 'x' }, body: { B: bytes }, nested: { M: { set: { BS: [bytes] } } } } as Record<string, AttributeValue>;
    expect(unmarshall(restoreImage(image))).toEqual({ pk: 'x', body: 'AQL6/w==', nested: { set: new Set(['AQL6/w==']) } });
  });
});
