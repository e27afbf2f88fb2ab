/** A function's work stopped short of its deadline, so that what it holds can still be handed back. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * A signal that aborts `marginMs` before the invocation's deadline, with a DeadlineError as its
 * reason. Lambda (and middy's early timeout) ends the invocation at the deadline itself, too
 * late to send a message back; work that checks this signal stops while there is time to.
 */
export function deadlineSignal(remainingMs: number, marginMs: number): AbortSignal {
  const controller = new AbortController();
  const stopIn = Math.max(0, remainingMs - marginMs);
  const why = new DeadlineError(`stopped ${Math.round(marginMs / 1000)} s before the function's deadline`);
  if (stopIn === 0) controller.abort(why);
  else setTimeout(() => controller.abort(why), stopIn).unref();
  return controller.signal;
}

/** The items of `items`, checking `signal` before each one: iterating stops with its reason once it is aborted. */
export async function* untilAborted<T>(items: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  for await (const item of items) {
    signal?.throwIfAborted();
    yield item;
  }
}
