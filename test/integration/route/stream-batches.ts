import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { inject } from 'vitest';
import { createDynamoStreamsClient } from '../../../src/aws/clients.js';
import type { SharedAws } from '../../support/aws.js';

/** A table's stream in the emulator, read shard by shard from its start. */
export class TableStream {
  /** Stream records already read, by sequence number. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly shared: SharedAws,
    private readonly table: string,
  ) {}

  /** The version records the stream carried since the last call, as the event source mapping filters them (sk v#), oldest first. */
  async newVersionRecords(): Promise<StreamRecord[]> {
    const endpoint = inject('awsEndpoints').dynamodb;
    const streams = createDynamoStreamsClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      endpoints: { dynamodb: endpoint, dynamodbStreams: endpoint },
    });
    try {
      const arn = (await this.shared.clients.dynamo.send(new DescribeTableCommand({ TableName: this.table }))).Table!.LatestStreamArn!;
      const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!;
      const found: StreamRecord[] = [];
      for (const shard of shards) {
        let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
          .ShardIterator;
        while (iterator) {
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
          found.push(...(out.Records ?? []));
          if ((out.Records ?? []).length === 0) break;
          iterator = out.NextShardIterator;
        }
      }
      const fresh = found.filter((r) => !this.seen.has(r.dynamodb!.SequenceNumber!));
      for (const r of fresh) this.seen.add(r.dynamodb!.SequenceNumber!);
      return fresh.filter((r) => r.dynamodb?.Keys?.sk?.S?.startsWith('v#'));
    } finally {
      streams.destroy();
    }
  }
}

/** Stream records as the event source mapping hands them to a function. */
export const streamEvent = (records: readonly StreamRecord[]): DynamoDBStreamEvent => ({ Records: records }) as unknown as DynamoDBStreamEvent;
