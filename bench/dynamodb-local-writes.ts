/**
 * What a write costs DynamoDB Local, the bound of the embedded stack's throughput: items of a
 * new record's size (about 700 bytes, as the SSOT stores them compressed) put into a table of
 * the records table's shape (its three indexes and its stream), three ways:
 *
 * - one conditional PutItem per item, 16 in flight (as the SSOT writes);
 * - INSERT statements, 25 per BatchExecuteStatement, 4 calls in flight (a conditional put
 *   per item too: INSERT fails on a key that exists);
 * - the floor: the same items as JSON through the local HTTP stack, one empty GetItem each,
 *   16 in flight (what a request costs without a write).
 *
 * A new record is two such items (version and current), so 1000 / (2 × ms per item) is the
 * most records a second the stack can store on this machine. BENCH_WRITE_ITEMS sets the count
 * (default 2,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchExecuteStatementCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../src/aws/clients.js';
import { resources } from '../src/infra/resources.js';
import { startDynamoDbLocal } from '../src/local/dynamodb-local.js';
import { ensureTable } from '../src/local/provision.js';

const ITEMS = Number(process.env.BENCH_WRITE_ITEMS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'tongyuan-writes-'));
const local = await startDynamoDbLocal(dir);
const clients = createAwsClients({
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  endpoints: { dynamodb: local.endpoint },
});
try {
  const { name: table } = await ensureTable(
    clients,
    resources.tables.find((t) => t.id === 'records')!,
  );
  const body = Buffer.alloc(700, 7).toString('base64').slice(0, 700);
  const item = (way: string, i: number) => ({
    pk: `enforcement-decision#${way}-${i}`,
    sk: 'current',
    recordType: 'enforcement-decision',
    recordId: `${way}-${i}`,
    sourceRef: `bench#${way}-${i}`,
    storedAt: new Date().toISOString(),
    version: 1,
    body,
  });

  async function timed(what: string, run: () => Promise<void>): Promise<number> {
    const started = performance.now();
    await run();
    const msPerItem = (performance.now() - started) / ITEMS;
    console.log(`${what.padEnd(52)} ${msPerItem.toFixed(2).padStart(7)} ms an item`);
    return msPerItem;
  }
  const inGroups = async (count: number, size: number, run: (start: number) => Promise<unknown>) => {
    for (let start = 0; start < ITEMS; start += count * size)
      await Promise.all(
        Array.from({ length: count }, (_, k) => start + k * size)
          .filter((s) => s < ITEMS)
          .map((s) => run(s)),
      );
  };

  const floor = await timed('floor: empty GetItem, 16 in flight', () =>
    inGroups(16, 1, (i) => clients.doc.send(new GetCommand({ TableName: table, Key: { pk: `none#${i}`, sk: 'current' } }))),
  );
  const puts = await timed('conditional PutItem, 16 in flight', () =>
    inGroups(16, 1, (i) => clients.doc.send(new PutCommand({ TableName: table, Item: item('put', i), ConditionExpression: 'attribute_not_exists(pk)' }))),
  );
  const statements = await timed('INSERT, 25 per BatchExecuteStatement, 4 in flight', () =>
    inGroups(4, 25, (start) =>
      clients.doc.send(
        new BatchExecuteStatementCommand({
          Statements: Array.from({ length: Math.min(25, ITEMS - start) }, (_, k) => {
            const { pk, sk, recordType, recordId, sourceRef, storedAt, version } = item('insert', start + k);
            return {
              Statement: `INSERT INTO "${table}" VALUE {'pk': ?, 'sk': ?, 'recordType': ?, 'recordId': ?, 'sourceRef': ?, 'storedAt': ?, 'version': ?, 'body': ?}`,
              Parameters: [pk, sk, recordType, recordId, sourceRef, storedAt, version, body],
            };
          }),
        }),
      ),
    ),
  );
  console.log();
  console.log(`PutItem / floor ${(puts / floor).toFixed(1)}x; batched INSERT / PutItem ${(statements / puts).toFixed(2)}x`);
  console.log(`new records a second at two items each: ${Math.round(1000 / (2 * puts))} by PutItem, ${Math.round(1000 / (2 * statements))} batched`);
} finally {
  await local.stop();
  rmSync(dir, { recursive: true, force: true });
}
