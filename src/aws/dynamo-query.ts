import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { awsClients } from './clients.js';

type PagedQuery = Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Select'>;

/** Every page of a query, following LastEvaluatedKey. */
export async function* queryPages(input: PagedQuery): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const out = await awsClients().doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield out.Items ?? [];
    startKey = out.LastEvaluatedKey;
  } while (startKey);
}

/** How many items a query matches (after its filter), counted page by page without reading them. */
export async function countQuery(input: PagedQuery): Promise<number> {
  let count = 0;
  let startKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const out = await awsClients().doc.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
}
