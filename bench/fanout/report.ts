import type { FeedId } from '../../src/feeds/feeds.js';
import { requestsPerThousand } from '../support/measure.js';
import { quantile, type Drained } from './drain.js';

export interface FanoutFigures {
  readonly versions: number;
  readonly batch: number;
  readonly events: number;
  readonly messages: number;
  readonly eventsPerFeed: ReadonlyMap<FeedId, number>;
  readonly fanoutMs: number;
  readonly cpuMs: number;
  /** Commit to fanOut's return, per batch. */
  readonly batchMs: readonly number[];
  /** Deliveries due per subscriber (its filter, in process). */
  readonly expected: ReadonlyMap<string, number>;
  /** Distinct event ids among them. */
  readonly distinct: ReadonlyMap<string, number>;
  readonly drained: ReadonlyMap<string, Drained>;
  readonly fanoutRequests: ReadonlyMap<string, number>;
  readonly receiveRequests: ReadonlyMap<string, number>;
  readonly floor: { readonly events: number; readonly ms: number; readonly requests: ReadonlyMap<string, number>; readonly drained: Drained };
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;
const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const x = (a: number, b: number) => `${(a / b).toFixed(1)}x`;

/** Prints the fan-out's figures against the floor's, and the design's trade-off. */
export function report(f: FanoutFigures): void {
  const feeds = [...f.eventsPerFeed].map(([feed, n]) => `${feed} ${n.toLocaleString('en')}`).join(', ');
  out(
    `fan-out of ${f.versions.toLocaleString('en')} SSOT versions in batches of ${f.batch}: ${f.events.toLocaleString('en')} events (${feeds}), ${f.drained.size} subscribers`,
  );
  const all = sorted([...f.drained.values()].flatMap((d) => d.latencies));
  const deliveries = sum(f.expected);
  const received = [...f.drained.values()].reduce((a, d) => a + d.received, 0);
  out(`  fan-out (classify → log → sign per view → PublishBatch → ledger)  ${ms(f.fanoutMs)} wall, ${ms(f.cpuMs)} CPU of this process`);
  out(`  messages published  ${f.messages.toLocaleString('en')} (${(f.messages / f.events).toFixed(2)} per event: one per view its subscribers hold)`);
  out(`  deliveries due ${deliveries.toLocaleString('en')}, received ${received.toLocaleString('en')}${received === deliveries ? '' : '  MISMATCH'}`);
  // A queue on two feeds receives one id twice (a decision is on enforcement and yrd): missing ones here point at deduplication.
  const lostToDedup = [...f.drained].filter(([id, d]) => d.received < f.expected.get(id)! && d.received === f.distinct.get(id));
  if (lostToDedup.length > 0) out(`  ${lostToDedup.map(([id]) => id).join(', ')}: every missing message is an event id already delivered from another feed`);
  for (const [id, d] of f.drained) {
    const l = sorted(d.latencies);
    const extra = `${d.duplicates > 0 ? `, ${d.duplicates} duplicates` : ''}${d.unknown > 0 ? `, ${d.unknown} unknown ids` : ''}`;
    out(
      `    ${id.padEnd(16)} ${String(d.received).padStart(6)} of ${String(f.expected.get(id)).padStart(6)}  p50 ${ms(quantile(l, 0.5))}, p99 ${ms(quantile(l, 0.99))}${extra}`,
    );
  }
  const bm = sorted(f.batchMs);
  out(
    `  commit → subscriber queue, every delivery   p50 ${ms(quantile(all, 0.5))}, p99 ${ms(quantile(all, 0.99))}, max ${ms(all.at(-1) ?? NaN)}  (target p99 ≤ 2,000 ms: ${quantile(all, 0.99) <= 2000 ? 'met' : 'not met'})`,
  );
  out(`  commit → fanOut returned, per batch         p50 ${ms(quantile(bm, 0.5))}, max ${ms(bm.at(-1) ?? NaN)}`);
  const fl = sorted(f.floor.drained.latencies);
  out(`  floor: SendMessageBatch of the same ${f.floor.events.toLocaleString('en')} events into one queue  ${ms(f.floor.ms)} wall`);
  out(`  floor: commit → queue                       p50 ${ms(quantile(fl, 0.5))}, p99 ${ms(quantile(fl, 0.99))}`);
  out(
    `  ratio fan-out / floor   wall ${x(f.fanoutMs, f.floor.ms)}, p50 ${x(quantile(all, 0.5), quantile(fl, 0.5))}, p99 ${x(quantile(all, 0.99), quantile(fl, 0.99))}`,
  );
  const publishes = f.fanoutRequests.get('sns.PublishBatch') ?? 0;
  const floorSends = f.floor.requests.get('sqs.SendMessageBatch') ?? 0;
  out(
    `  publishing requests (PublishBatch)  ${publishes.toLocaleString('en')}: ${(publishes / f.events).toFixed(3)} per event, ${(publishes / deliveries).toFixed(3)} per event per subscriber (target ≤ 1.2: ${publishes / deliveries <= 1.2 ? 'met' : 'not met'})`,
  );
  out(`  every fan-out request (log, ledger, publish)  ${(sum(f.fanoutRequests) / deliveries).toFixed(3)} per event per subscriber`);
  out(
    `  floor requests (SendMessageBatch)   ${floorSends.toLocaleString('en')}: ${(floorSends / f.floor.events).toFixed(3)} per event; ratio publishing / floor ${x(publishes, floorSends)}`,
  );
  out('  fan-out side, per 1,000 events:');
  for (const line of requestsPerThousand(f.fanoutRequests, f.events)) out(`    ${line}`);
  out('  subscriber side (receive + delete, reported apart), per 1,000 deliveries:');
  for (const line of requestsPerThousand(f.receiveRequests, received)) out(`    ${line}`);
  out('  trade-off: one message per event per view, never packed. The SNS filter policy then judges each event on');
  out('  its own attributes (entity, action, district, view), and a FIFO topic orders each record (MessageGroupId =');
  out('  record id) by itself. Packing several events per message would cut PublishBatch calls by the packing factor,');
  out('  but a filter would pass or drop the whole pack and the group id could name only one record: per-event');
  out('  filtering and per-record order would both break. PublishBatch already carries 10 messages a request.');
}
