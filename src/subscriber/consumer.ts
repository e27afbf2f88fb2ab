import type { FeedEvent } from '../feeds/event.js';
import { headOf } from '../feeds/canonical.js';
import type { SeenEvents } from './dedupe.js';
import { completeEvent, parseEvent, type ObjectFetcher } from './message.js';
import type { SequenceProblem, SequenceTracker } from './sequence-tracker.js';
import type { EventVerifier } from './verify.js';

/** The SQS system attributes a message came with (SentTimestamp: epoch milliseconds). */
export type MessageAttributes = Readonly<Record<string, string | undefined>>;

/**
 * What became of one message. Accepted and duplicate messages are deleted from the queue;
 * a rejected one stays, so after maxReceiveCount it lands in the dead-letter queue for a person.
 */
export type Outcome =
  | { readonly kind: 'accepted'; readonly event: FeedEvent; readonly problems: readonly SequenceProblem[] }
  /**
   * An event already accepted. Its sequence still counts as received: the feed log dedupes ids
   * only within its newest events, so an id logged again later arrives under a new sequence,
   * which is no gap.
   */
  | { readonly kind: 'duplicate'; readonly id: string; readonly problems: readonly SequenceProblem[] }
  | { readonly kind: 'rejected'; readonly reason: string };

export interface ConsumerDeps {
  readonly verifier: EventVerifier;
  readonly seen: SeenEvents;
  readonly tracker: SequenceTracker;
  readonly fetchObject: ObjectFetcher;
}

export class Consumer {
  constructor(private readonly deps: ConsumerDeps) {}

  /** Parses, completes, verifies, then dedupes: a tampered copy of a known event is still rejected, not deleted as a duplicate. */
  async handle(body: string, _attributes: MessageAttributes = {}): Promise<Outcome> {
    const parsed = parseEvent(body);
    if (!parsed.ok) return { kind: 'rejected', reason: parsed.reason };
    const complete = await completeEvent(parsed.event, this.deps.fetchObject);
    if (!complete.ok) return { kind: 'rejected', reason: complete.reason };
    const event = complete.event as unknown as FeedEvent;
    const check = await this.deps.verifier.verify(complete.event);
    if (!check.valid) return { kind: 'rejected', reason: `${event.id}: bad signature (${check.reason})` };
    if (this.deps.seen.has(event.source, event.id)) return { kind: 'duplicate', id: event.id, problems: this.deps.tracker.observe(headOf(complete.event)) };
    this.deps.seen.add(event.source, event.id);
    return { kind: 'accepted', event, problems: this.deps.tracker.observe(headOf(complete.event)) };
  }
}

/** One line per accepted event on a terminal: sequence, type, subject. */
export const eventLine = (event: FeedEvent): string => `${event.sequence}\t${event.type}\t${event.subject}`;
