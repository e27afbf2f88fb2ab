/**
 * DynamoDB capacity units a request costs by AWS's published rules, estimated from the
 * request and the response (DynamoDB Local's own ConsumedCapacity is not trustworthy:
 * it reports a transaction as if it wrote one item). Item sizes follow AWS's sizing:
 * attribute names and UTF-8 strings by bytes, numbers about one byte per two digits,
 * maps and lists 3 bytes plus one per element. Writes: 1 WCU per started KB, doubled in
 * a transaction, plus one write per global secondary index whose keys the item has.
 * Reads: 1 RCU per started 4 KB read consistently, half eventually; at least the minimum.
 */

export type IndexKeys = ReadonlyMap<string, readonly (readonly string[])[]>;

export interface Capacity {
  read: number;
  write: number;
}

type Item = Readonly<Record<string, unknown>>;

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return Math.ceil(String(value).replace(/^-|\./g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueBytes(v), 0);
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueBytes(v), 0);
  return 3 + Object.entries(value as Item).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k, 'utf8') + valueBytes(v), 0);
}

export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((n, [name, value]) => n + Buffer.byteLength(name, 'utf8') + valueBytes(value), 0);
}

const kb = (bytes: number, unit: number) => Math.max(1, Math.ceil(bytes / unit));

function putUnits(table: string, item: Item, indexKeys: IndexKeys, transactional: boolean): number {
  const units = kb(itemBytes(item), 1024);
  const indexed = (indexKeys.get(table) ?? []).filter((keys) => keys.every((k) => item[k] !== undefined)).length;
  return units * (transactional ? 2 : 1) + units * indexed;
}

const readUnits = (bytes: number, consistent: boolean) => kb(bytes, 4096) * (consistent ? 1 : 0.5);

interface Input {
  TableName?: string;
  Item?: Item;
  ConsistentRead?: boolean;
  RequestItems?: Record<string, { Keys?: Item[]; ConsistentRead?: boolean } | { PutRequest?: { Item: Item }; DeleteRequest?: unknown }[]>;
  TransactItems?: {
    Put?: { TableName: string; Item: Item };
    Delete?: { TableName?: string };
    Update?: { TableName?: string };
    ConditionCheck?: { TableName?: string };
  }[];
}
interface Output {
  Item?: Item;
  Attributes?: Item;
  Items?: Item[];
  Responses?: Record<string, Item[]>;
}

/** Estimated capacity of one request; zero for operations that consume none. */
export function estimateCapacity(command: string, rawInput: unknown, rawOutput: unknown, indexKeys: IndexKeys): Capacity {
  const total: Capacity = { read: 0, write: 0 };
  for (const c of estimateCapacityByTable(command, rawInput, rawOutput, indexKeys).values()) {
    total.read += c.read;
    total.write += c.write;
  }
  return total;
}

/** Estimated capacity of one request, by the table it is consumed on (a batch or transaction may span tables). */
export function estimateCapacityByTable(command: string, rawInput: unknown, rawOutput: unknown, indexKeys: IndexKeys): Map<string, Capacity> {
  const input = rawInput as Input;
  const output = (rawOutput ?? {}) as Output;
  const byTable = new Map<string, Capacity>();
  const add = (table: string, read: number, write: number) => {
    const c = byTable.get(table) ?? { read: 0, write: 0 };
    c.read += read;
    c.write += write;
    byTable.set(table, c);
  };
  const table = input.TableName ?? '';
  switch (command) {
    case 'PutItem':
      add(table, 0, input.Item ? putUnits(table, input.Item, indexKeys, false) : 1);
      break;
    case 'UpdateItem':
    case 'DeleteItem':
      // Charged by the larger of the item before and after; only what the response returns is known here, so at least 1.
      add(table, 0, output.Attributes ? kb(itemBytes(output.Attributes), 1024) : 1);
      break;
    case 'BatchWriteItem':
      for (const [name, requests] of Object.entries(input.RequestItems ?? {})) {
        for (const r of requests as { PutRequest?: { Item: Item } }[]) add(name, 0, r.PutRequest ? putUnits(name, r.PutRequest.Item, indexKeys, false) : 1);
      }
      break;
    case 'TransactWriteItems':
      for (const t of input.TransactItems ?? []) {
        const target = t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck;
        add(target?.TableName ?? '', 0, t.Put ? putUnits(t.Put.TableName, t.Put.Item, indexKeys, true) : 2);
      }
      break;
    case 'GetItem':
      add(table, readUnits(output.Item ? itemBytes(output.Item) : 0, input.ConsistentRead === true), 0);
      break;
    case 'Query':
    case 'Scan':
      add(
        table,
        readUnits(
          (output.Items ?? []).reduce((n, i) => n + itemBytes(i), 0),
          input.ConsistentRead === true,
        ),
        0,
      );
      break;
    case 'BatchGetItem':
      for (const [name, request] of Object.entries(input.RequestItems ?? {})) {
        const { Keys = [], ConsistentRead = false } = request as { Keys?: Item[]; ConsistentRead?: boolean };
        const found = output.Responses?.[name] ?? [];
        // A key that finds nothing still costs the minimum read.
        add(
          name,
          found.reduce((n, i) => n + readUnits(itemBytes(i), ConsistentRead), 0) + Math.max(0, Keys.length - found.length) * readUnits(0, ConsistentRead),
          0,
        );
      }
      break;
    default:
  }
  return byTable;
}
