import { AsyncLocalStorage } from 'node:async_hooks';

/** The function invocation a piece of work belongs to. */
export interface Invocation {
  readonly functionName: string;
  readonly memoryMb: number;
}

/** Told of every finished invocation: which function, its memory, how long it ran (ms), whether it threw. */
export type InvocationListener = (invocation: Invocation, durationMs: number, failed: boolean) => void;

const scope = new AsyncLocalStorage<Invocation>();
const listeners = new Set<InvocationListener>();

/**
 * The invocation the caller runs inside, while someone observes invocations (the cost
 * benchmark attributes AWS requests to functions with it); otherwise undefined.
 */
export function currentInvocation(): Invocation | undefined {
  return scope.getStore();
}

/** Starts observing invocations in this process; returns the function that stops it. */
export function observeInvocations(listener: InvocationListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * Runs one invocation's body. Unobserved (always so in Lambda) it is a plain call; observed,
 * the body runs in an async scope that names its function, and its duration is reported.
 */
export async function runInvocation<R>(context: { functionName: string; memoryLimitInMB: string }, body: () => Promise<R>): Promise<R> {
  if (listeners.size === 0) return body();
  const invocation: Invocation = { functionName: context.functionName, memoryMb: Number(context.memoryLimitInMB) };
  const started = performance.now();
  let failed = false;
  try {
    return await scope.run(invocation, body);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    const durationMs = performance.now() - started;
    for (const listener of listeners) listener(invocation, durationMs, failed);
  }
}
