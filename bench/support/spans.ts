/**
 * Where a bench's time goes: wall time of every AWS request by service.operation, and of every
 * handler invocation by function (summed over concurrent calls, so a total can exceed the wall).
 * Installed before the stack creates its clients: it wraps the request counter's plugin.
 */
import type { Pluggable } from '@smithy/types';
import { RequestCounter } from '../../src/aws/request-counter.js';

export interface Span {
  count: number;
  ms: number;
  maxMs: number;
}

export const spans = new Map<string, Span>();

export function addSpan(name: string, ms: number): void {
  const span = spans.get(name) ?? { count: 0, ms: 0, maxMs: 0 };
  span.count += 1;
  span.ms += ms;
  span.maxMs = Math.max(span.maxMs, ms);
  spans.set(name, span);
}

export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    addSpan(name, performance.now() - started);
  }
}

/** Every client the counter is installed on also times its requests. */
export function timeRequests(): void {
  type Plugin = (service: string) => Pluggable<object, object>;
  const prototype = RequestCounter.prototype as unknown as { plugin: Plugin };
  const plugin = prototype.plugin;
  prototype.plugin = function (this: RequestCounter, service: string) {
    const counting = plugin.call(this, service);
    return {
      applyToStack(stack) {
        counting.applyToStack(stack);
        stack.add((next, context) => (args) => timed(`${service}.${String(context.commandName ?? 'unknown').replace(/Command$/, '')}`, () => next(args)), {
          step: 'initialize',
          name: `benchSpan-${service}`,
          override: true,
        });
      },
    };
  };
}

/** Wraps each event source mapping's handler so its invocations are timed by function. */
export function timeHandlers(runtime: object): void {
  const mappings = runtime as unknown as Record<
    'sqsMappings' | 'streamMappings',
    { options: { fn: { id: string }; handler: (e: unknown, c: unknown) => Promise<unknown> } }[]
  >;
  for (const m of [...mappings.sqsMappings, ...mappings.streamMappings]) {
    const handler = m.options.handler;
    m.options.handler = (event, context) => timed(`fn.${m.options.fn.id}`, () => handler(event, context));
  }
}

export function spanTable(): Record<string, Span> {
  return Object.fromEntries(
    [...spans.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, s]) => [k, { count: s.count, ms: Math.round(s.ms), maxMs: Math.round(s.maxMs) }]),
  );
}
