import type { Pluggable } from '@smithy/types';

/**
 * Counts AWS requests per operation (and messages per SNS/SQS batch) in this process:
 * the figures behind "AWS requests per 1,000 records" in bench/ and the run summary.
 */
export class RequestCounter {
  readonly requests = new Map<string, number>();
  readonly consumedCapacity = { read: 0, write: 0 };
  snsMessages = 0;

  total(): number {
    let sum = 0;
    for (const n of this.requests.values()) sum += n;
    return sum;
  }

  reset(): void {
    this.requests.clear();
    this.consumedCapacity.read = 0;
    this.consumedCapacity.write = 0;
    this.snsMessages = 0;
  }

  plugin<Input extends object, Output extends object>(service: string): Pluggable<Input, Output> {
    return {
      applyToStack: (stack) => {
        stack.add(
          (next, context) => async (args) => {
            const operation = `${service}.${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`;
            this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
            const input = args.input as { PublishBatchRequestEntries?: unknown[]; Message?: unknown };
            if (service === 'sns') this.snsMessages += input.PublishBatchRequestEntries?.length ?? (input.Message !== undefined ? 1 : 0);
            return next(args);
          },
          { step: 'initialize', name: `tongyuanRequestCounter-${service}`, override: true },
        );
      },
    };
  }
}

export const requestCounter = new RequestCounter();
