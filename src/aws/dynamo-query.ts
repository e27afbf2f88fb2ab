import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export type PagedQuery = Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Select'>;

/** Every page of a query, following LastEvaluatedKey. */
export async function* queryPages(doc: DynamoDBDocumentClient, input: PagedQuery): AsyncGenerator<Record<string, unknown>[]> {
  // A copy: the paginator writes its page token into the input it is given.
  for await (const page of paginateQuery({ client: doc }, { ...input })) yield page.Items ?? [];
}

/** How many items a query matches (after its filter), counted page by page without reading them. */
export async function countQuery(doc: DynamoDBDocumentClient, input: PagedQuery): Promise<number> {
  let count = 0;
  for await (const page of paginateQuery({ client: doc }, { ...input, Select: 'COUNT' })) count += page.Count ?? 0;
  return count;
}
