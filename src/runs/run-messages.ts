import type { MessageSender } from '../ports/index.js';

/**
 * The normalize queue as one source run sees it: each raw-batch and tombstones message
 * carries the run id and its sequence number in the run, and the messages sent are
 * counted, so the run can be sealed with how many there are to wait for.
 */
export class RunMessageSender implements MessageSender {
  private next = 1;

  constructor(
    private readonly inner: MessageSender,
    readonly runId: string,
  ) {}

  /** Messages of the run handed to the queue so far. */
  get sent(): number {
    return this.next - 1;
  }

  async send(bodies: readonly string[], options?: { readonly delaySeconds?: number }): Promise<void> {
    // Numbers are taken before the send, so concurrent sends never share one; a send that
    // fails leaves a gap, and the run then never completes by itself (it goes stale instead).
    const stamped = bodies.map((body) => {
      const message = JSON.parse(body) as { kind?: unknown };
      if (message.kind !== 'raw-batch' && message.kind !== 'tombstones') return body;
      return JSON.stringify({ ...message, runId: this.runId, runSeq: this.next++ });
    });
    await this.inner.send(stamped, options);
  }
}
