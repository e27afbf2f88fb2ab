import type { FeedEvent } from '../feeds/event.js';
import type { Consumer } from './consumer.js';
import { type MessageAttributes } from './consumer.js';
import { receiptMessage, type Consumed } from './receipts.js';
import { describeProblem, type SequenceProblem, type SequenceTracker } from './sequence-tracker.js';

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly receiptHandle: string;
  readonly attributes: MessageAttributes;
}

/** The subscriber's queue: a long poll, and deleting what was handled. */
export interface SubscriberQueue {
  receive(): Promise<readonly QueueMessage[]>;
  delete(receiptHandles: readonly string[]): Promise<void>;
}

export interface RunDeps {
  readonly consumer: Consumer;
  readonly tracker: SequenceTracker;
  readonly queue: SubscriberQueue;
  /** Where accepted events go (a line on stdout, a JSON line in a file), in the order received. */
  deliver(event: FeedEvent): Promise<void>;
  /** Keeps the seen ids and feed positions; called before messages are deleted, so a crash redelivers rather than loses. */
  saveState(): Promise<void>;
  /** Sends a receipt body to the receipts queue, when there is one. */
  readonly sendReceipt?: (body: string) => Promise<void>;
  readonly subscriber?: string;
  /** Problems and rejections as they happen. */
  report(line: string): void;
  readonly now: () => Date;
  /** Drain: stop at the first empty poll. Otherwise runs until `stop` says so. */
  readonly once: boolean;
  readonly stop?: () => boolean;
}

/**
 * What one run did with the messages it received: each is accepted (handed to the application,
 * once per event however often it comes), dropped as a duplicate of an event already accepted, or
 * rejected; a rejected message that comes back is counted once. received = accepted + duplicates + rejected.
 */
export interface RunSummary {
  received: number;
  accepted: number;
  /** Messages dropped because their event was already accepted (this run or an earlier one, by the saved state). */
  duplicates: number;
  rejected: number;
  gaps: number;
  brokenChains: number;
}

/** Polls, handles, delivers, saves, deletes, acknowledges; per batch, in that order. */
export async function runSubscriber(deps: RunDeps): Promise<RunSummary> {
  const summary: RunSummary = { received: 0, accepted: 0, duplicates: 0, rejected: 0, gaps: 0, brokenChains: 0 };
  const note = (problems: readonly SequenceProblem[]) => {
    for (const p of problems) {
      if (p.kind === 'gap') summary.gaps += 1;
      else summary.brokenChains += 1;
      deps.report(describeProblem(p));
    }
  };
  // A rejected message comes back after its visibility timeout: draining stops when only those are left.
  const rejectedIds = new Set<string>();
  while (!deps.stop?.()) {
    const messages = await deps.queue.receive();
    if (messages.length === 0 || messages.every((m) => rejectedIds.has(m.messageId))) {
      if (deps.once) break;
      continue;
    }
    const handled: string[] = [];
    const consumed: Consumed[] = [];
    for (const message of messages) {
      const outcome = await deps.consumer.handle(message.body, message.attributes);
      if (outcome.kind === 'rejected') {
        if (!rejectedIds.has(message.messageId)) {
          summary.received += 1;
          summary.rejected += 1;
          deps.report(`rejected: ${outcome.reason}`);
        }
        rejectedIds.add(message.messageId);
        continue;
      }
      handled.push(message.receiptHandle);
      summary.received += 1;
      if (outcome.kind === 'duplicate') {
        summary.duplicates += 1;
        note(outcome.problems);
        continue;
      }
      summary.accepted += 1;
      await deps.deliver(outcome.event);
      note(outcome.problems);
      const sentTimestamp = message.attributes.SentTimestamp;
      consumed.push({ event: outcome.event, ...(sentTimestamp ? { sentTimestamp } : {}) });
    }
    await deps.saveState();
    if (handled.length > 0) await deps.queue.delete(handled);
    const receipt = deps.sendReceipt && deps.subscriber ? receiptMessage(deps.subscriber, consumed, deps.now()) : undefined;
    if (receipt !== undefined) await deps.sendReceipt!(receipt);
  }
  note(deps.tracker.finish());
  await deps.saveState();
  return summary;
}

export const summaryLine = (s: RunSummary): string =>
  `${s.received} received: ${s.accepted} accepted, ${s.duplicates} duplicate(s) dropped, ${s.rejected} rejected; ${s.gaps} gap(s), ${s.brokenChains} broken chain link(s)`;
