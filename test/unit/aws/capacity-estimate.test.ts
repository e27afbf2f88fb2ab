import { describe, expect, it } from 'vitest';
import { estimateCapacity, itemBytes } from '../../../src/aws/capacity-estimate.js';

const indexKeys = new Map([['records', [['recordType', 'recordId'], ['sourceRef']]]]);

describe('capacity estimate by AWS rules', () => {
  it('sizes items by attribute names and values', () => {
    expect(itemBytes({ pk: 'ab' })).toBe(4);
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ m: { a: 'xy' } })).toBe(1 + 3 + 1 + 1 + 2);
    expect(itemBytes({ s: '绍兴' })).toBe(1 + 6);
  });

  it('charges a write per started KB, doubles it in a transaction, and adds each index the item is in', () => {
    const item = { pk: 'p', sk: 'current', recordType: 't', recordId: 'i', body: 'x'.repeat(1500) };
    expect(estimateCapacity('PutItem', { TableName: 'records', Item: item }, {}, indexKeys)).toEqual({ read: 0, write: 2 + 2 });
    const transaction = { TransactItems: [{ Put: { TableName: 'records', Item: item } }, { Put: { TableName: 'records', Item: { pk: 'p', sk: 'v#1' } } }] };
    expect(estimateCapacity('TransactWriteItems', transaction, {}, indexKeys)).toEqual({ read: 0, write: 2 * 2 + 2 + 1 * 2 });
  });

  it('charges reads per started 4 KB, half for eventually consistent ones, and the minimum for keys that find nothing', () => {
    const found = { pk: 'a', body: 'x'.repeat(5000) };
    const input = { RequestItems: { records: { Keys: [{ pk: 'a' }, { pk: 'b' }], ConsistentRead: true } } };
    expect(estimateCapacity('BatchGetItem', input, { Responses: { records: [found] } }, indexKeys)).toEqual({ read: 2 + 1, write: 0 });
    expect(estimateCapacity('Query', { TableName: 'q' }, { Items: [] }, indexKeys)).toEqual({ read: 0.5, write: 0 });
  });
});
