/**
 * What one AWS request is billed on, from its input and output: the resource it touches,
 * whether that resource is FIFO, and for SQS and SNS the payload it carries, billed in
 * 64 KB chunks (each started chunk of a request's payload is one billed request).
 */

export const BILLING_CHUNK_BYTES = 64 * 1024;

export interface RequestBilling {
  /** Table, bucket, queue or topic name ('' when the request names none). */
  readonly resource: string;
  readonly fifo: boolean;
  /** Message payload of an SQS or SNS request (bodies and attributes), 0 otherwise. */
  readonly payloadBytes: number;
  /** Messages the request carries (SQS send or receive, SNS publish), 0 otherwise. */
  readonly messages: number;
  /** Requests AWS bills: 64 KB chunks of payload for SQS and SNS (at least one), one otherwise. */
  readonly billedRequests: number;
}

interface MessageAttribute {
  readonly DataType?: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}
interface Message {
  readonly MessageBody?: string;
  readonly Body?: string;
  readonly Message?: string;
  readonly MessageAttributes?: Readonly<Record<string, MessageAttribute>>;
}

const utf8 = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));

/** A message's billed size: its body plus each attribute's name, type and value. */
export function messageBytes(message: Message): number {
  let bytes = utf8(message.MessageBody ?? message.Body ?? message.Message);
  for (const [name, a] of Object.entries(message.MessageAttributes ?? {})) {
    bytes += utf8(name) + utf8(a.DataType) + utf8(a.StringValue) + (a.BinaryValue?.byteLength ?? 0);
  }
  return bytes;
}

export const billedChunks = (payloadBytes: number): number => Math.max(1, Math.ceil(payloadBytes / BILLING_CHUNK_BYTES));

/** The last segment of a queue URL or topic ARN: the resource's name. */
const lastSegment = (value: string | undefined, separator: string) => (value ? value.slice(value.lastIndexOf(separator) + 1) : '');

interface Input {
  readonly TableName?: string;
  readonly RequestItems?: Readonly<Record<string, unknown>>;
  readonly TransactItems?: readonly Readonly<Record<string, { TableName?: string } | undefined>>[];
  readonly Bucket?: string;
  readonly QueueUrl?: string;
  readonly TopicArn?: string;
  readonly Entries?: readonly Message[];
  readonly PublishBatchRequestEntries?: readonly Message[];
}

function dynamoResource(input: Input): string {
  if (input.TableName) return input.TableName;
  if (input.RequestItems) return Object.keys(input.RequestItems).sort().join('+');
  const tables = new Set((input.TransactItems ?? []).flatMap((t) => Object.values(t).map((op) => op?.TableName ?? '')));
  return [...tables].sort().join('+');
}

export function describeRequest(service: string, command: string, rawInput: unknown, rawOutput: unknown): RequestBilling {
  const input = (rawInput ?? {}) as Input;
  const plain = (resource: string): RequestBilling => ({ resource, fifo: false, payloadBytes: 0, messages: 0, billedRequests: 1 });
  const carrying = (resource: string, messages: readonly Message[]): RequestBilling => {
    const payloadBytes = messages.reduce((n, m) => n + messageBytes(m), 0);
    return { resource, fifo: resource.endsWith('.fifo'), payloadBytes, messages: messages.length, billedRequests: billedChunks(payloadBytes) };
  };
  switch (service) {
    case 'dynamodb':
      return plain(dynamoResource(input));
    case 's3':
      return plain(input.Bucket ?? '');
    case 'sqs': {
      const queue = lastSegment(input.QueueUrl, '/');
      if (command === 'SendMessage') return carrying(queue, [input as Message]);
      if (command === 'SendMessageBatch') return carrying(queue, input.Entries ?? []);
      if (command === 'ReceiveMessage') return carrying(queue, ((rawOutput ?? {}) as { Messages?: Message[] }).Messages ?? []);
      return { ...plain(queue), fifo: queue.endsWith('.fifo') };
    }
    case 'sns': {
      const topic = lastSegment(input.TopicArn, ':');
      if (command === 'Publish') return carrying(topic, [input as Message]);
      if (command === 'PublishBatch') return carrying(topic, input.PublishBatchRequestEntries ?? []);
      return { ...plain(topic), fifo: topic.endsWith('.fifo') };
    }
    default:
      return plain('');
  }
}
