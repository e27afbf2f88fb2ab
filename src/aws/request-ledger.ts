import type { Capacity } from './capacity-estimate.js';
import type { RequestBilling } from './request-billing.js';

/** One line of the ledger: requests of one operation on one resource by one function. */
export interface LedgerEntry {
  /** The function whose invocation made the requests ('' outside any invocation: the runtime's own polling). */
  readonly invoker: string;
  readonly service: string;
  readonly operation: string;
  readonly resource: string;
  readonly fifo: boolean;
  requests: number;
  /** As AWS bills them: SQS and SNS in 64 KB chunks. */
  billedRequests: number;
  messages: number;
  payloadBytes: number;
  /** DynamoDB capacity units by AWS's rules (capacity-estimate.ts). */
  readUnits: number;
  writeUnits: number;
}

/**
 * AWS requests by function, operation and resource, with what they are billed on: the
 * detail behind the cost benchmark. Filled by a RequestCounter whose `ledger` is set.
 */
export class RequestLedger {
  private readonly lines = new Map<string, LedgerEntry>();

  private line(invoker: string, service: string, operation: string, resource: string, fifo: boolean): LedgerEntry {
    const key = `${invoker}|${service}|${operation}|${resource}`;
    let entry = this.lines.get(key);
    if (!entry) {
      entry = { invoker, service, operation, resource, fifo, requests: 0, billedRequests: 0, messages: 0, payloadBytes: 0, readUnits: 0, writeUnits: 0 };
      this.lines.set(key, entry);
    }
    return entry;
  }

  /** One request; DynamoDB capacity is booked on each table it was consumed on. */
  record(invoker: string, service: string, operation: string, billing: RequestBilling, capacityByTable?: ReadonlyMap<string, Capacity>): void {
    // An empty receive is a poll that found nothing: its count grows with time, not with records.
    const kind = service === 'sqs' && operation === 'ReceiveMessage' && billing.messages === 0 ? 'ReceiveMessage (empty)' : operation;
    const entry = this.line(invoker, service, kind, billing.resource, billing.fifo);
    entry.requests += 1;
    entry.billedRequests += billing.billedRequests;
    entry.messages += billing.messages;
    entry.payloadBytes += billing.payloadBytes;
    for (const [table, c] of capacityByTable ?? []) {
      // A request spanning tables is counted once (above); its units go to each table's own line.
      const target = table === billing.resource ? entry : this.line(invoker, service, kind, table, false);
      target.readUnits += c.read;
      target.writeUnits += c.write;
    }
  }

  entries(): LedgerEntry[] {
    return [...this.lines.values()].map((e) => ({ ...e }));
  }

  reset(): void {
    this.lines.clear();
  }
}
