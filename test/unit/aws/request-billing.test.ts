import { describe, expect, it } from 'vitest';
import { describeRequest, messageBytes } from '../../../src/aws/request-billing.js';
import { RequestLedger } from '../../../src/aws/request-ledger.js';

describe('request billing', () => {
  it('bills SQS and SNS requests per started 64 KB chunk of their payload, at least one', () => {
    const small = describeRequest('sqs', 'SendMessageBatch', { QueueUrl: 'http://h/1/tongyuan-normalize', Entries: [{ MessageBody: 'x' }] }, {});
    expect(small).toMatchObject({ resource: 'tongyuan-normalize', fifo: false, billedRequests: 1, messages: 1, payloadBytes: 1 });
    const big = { QueueUrl: 'http://h/1/q.fifo', Entries: [{ MessageBody: 'x'.repeat(40_000) }, { MessageBody: 'y'.repeat(40_000) }] };
    expect(describeRequest('sqs', 'SendMessageBatch', big, {})).toMatchObject({ fifo: true, billedRequests: 2, payloadBytes: 80_000 });
    expect(describeRequest('sqs', 'ReceiveMessage', { QueueUrl: 'http://h/1/q' }, {})).toMatchObject({ billedRequests: 1, messages: 0 });
    const received = { Messages: [{ Body: 'z'.repeat(70_000) }] };
    expect(describeRequest('sqs', 'ReceiveMessage', { QueueUrl: 'http://h/1/q' }, received).billedRequests).toBe(2);
    const publish = { TopicArn: 'arn:aws:sns:us-east-1:0:tongyuan-yrd.fifo', PublishBatchRequestEntries: [{ Message: 'm' }, { Message: 'n' }] };
    expect(describeRequest('sns', 'PublishBatch', publish, {})).toMatchObject({ resource: 'tongyuan-yrd.fifo', fifo: true, messages: 2, billedRequests: 1 });
  });

  it('counts message attributes in the payload', () => {
    expect(messageBytes({ MessageBody: 'ab', MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } } })).toBe(2 + 4 + 6 + 1);
  });

  it('names the table, or the tables of a batch, a DynamoDB request touches', () => {
    expect(describeRequest('dynamodb', 'PutItem', { TableName: 't' }, {}).resource).toBe('t');
    expect(describeRequest('dynamodb', 'BatchGetItem', { RequestItems: { b: {}, a: {} } }, {}).resource).toBe('a+b');
    expect(
      describeRequest('dynamodb', 'TransactWriteItems', { TransactItems: [{ Put: { TableName: 'r' } }, { Update: { TableName: 's' } }] }, {}).resource,
    ).toBe('r+s');
  });
});

describe('request ledger', () => {
  it('books units on each table, counts a request once, and keeps empty polls apart', () => {
    const ledger = new RequestLedger();
    const batch = describeRequest('dynamodb', 'BatchGetItem', { RequestItems: { a: {}, b: {} } }, {});
    ledger.record(
      'fn',
      'dynamodb',
      'BatchGetItem',
      batch,
      new Map([
        ['a', { read: 2, write: 0 }],
        ['b', { read: 3, write: 0 }],
      ]),
    );
    ledger.record('', 'sqs', 'ReceiveMessage', describeRequest('sqs', 'ReceiveMessage', { QueueUrl: 'http://h/q' }, {}));
    const lines = ledger.entries();
    expect(lines.reduce((n, e) => n + e.requests, 0)).toBe(2);
    expect(lines.find((e) => e.resource === 'a')?.readUnits).toBe(2);
    expect(lines.find((e) => e.resource === 'b')?.readUnits).toBe(3);
    expect(lines.find((e) => e.service === 'sqs')?.operation).toBe('ReceiveMessage (empty)');
  });
});
