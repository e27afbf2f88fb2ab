/**
 * The project's modules where they are built, the bench's stand-ins (./stand-ins, each marked
 * TODO(integration)) only where a module is still a placeholder that throws "not built yet".
 * What was stood in is printed with the figures, which are then provisional.
 */
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Composition } from '../../src/app/composition.js';
import { SnsFeedPublisher } from '../../src/aws/sns-publisher.js';
import type { ClassifyContext } from '../../src/feeds/classify.js';
import type { FeedChange } from '../../src/feeds/event.js';
import type { FeedId } from '../../src/feeds/feeds.js';
import type { DeliveryLedger, FeedLog, FeedPublisher } from '../../src/ports/index.js';
import type { StoredVersion } from '../../src/ssot/model.js';
import { MemoryDeliveryLedger } from '../../test/support/memory-feeds.js';
import { BENCH_SUBSCRIBERS } from './subscribers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const standIn = (file: string) => pathToFileURL(join(root, 'bench', 'fanout', 'stand-ins', file)).href;

/** Whether a probe got past a placeholder: any other failure means the real thing ran. */
async function built(probe: () => unknown): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    return !(error instanceof Error && error.message.includes('not built yet'));
  }
}

/**
 * Routes imports of placeholder feed modules (src/feeds/views.ts, subscriber-filter.ts) to the
 * stand-ins before fanOut is first imported; returns the names stood in.
 */
export async function chooseModules(sample: StoredVersion): Promise<string[]> {
  const views = await import('../../src/feeds/views.js');
  const filter = await import('../../src/feeds/subscriber-filter.js');
  const attributes = { type: 't', entity: 'decision', action: 'published', district: '越城区', view: 'public' as const };
  const missing: Record<string, string> = {};
  if (!(await built(() => views.renderRecord('enforcement', 'decision', sample, 'public')))) missing['src/feeds/views.ts'] = 'views.ts';
  if (!(await built(() => filter.matchesFilter(BENCH_SUBSCRIBERS[0]!, attributes)))) missing['src/feeds/subscriber-filter.ts'] = 'subscriber-filter.ts';
  const redirects: Record<string, string> = {};
  for (const [real, file] of Object.entries(missing)) {
    const url = pathToFileURL(join(root, real)).href;
    redirects[url] = standIn(file);
    redirects[url.replace(/\.ts$/, '.js')] = standIn(file);
  }
  if (Object.keys(redirects).length > 0) register(new URL('./stand-ins/hooks.ts', import.meta.url), { data: { redirects } });
  return Object.keys(missing);
}

export interface Adapters {
  readonly classify: (versions: readonly StoredVersion[], context: ClassifyContext) => FeedChange[];
  readonly log: FeedLog;
  readonly deliveries: DeliveryLedger;
  readonly publisher: (topicArn: string) => FeedPublisher;
  readonly standIns: string[];
}

/** The classifier, the feed log and delivery ledger in DynamoDB Local, the FIFO publisher (probed on a topic of its own). */
export async function chooseAdapters(app: Composition, probeTopicArn: string): Promise<Adapters> {
  const standIns: string[] = [];
  const classify = await import('../../src/feeds/classify.js');
  let classifier = classify.feedChangesOf;
  if (!(await built(() => classify.feedChangesOf([], { datasets: [], freeTextColumns: () => [], today: '2026-12-01' })))) {
    classifier = (await import('./stand-ins/classify.js')).feedChangesOf;
    standIns.push('src/feeds/classify.ts');
  }
  let log: FeedLog = app.feedLog();
  if (!(await built(() => log.lastSequence('gazette' satisfies FeedId)))) {
    const { BenchDynamoFeedLog } = await import('./stand-ins/dynamo-feed-log.js');
    log = new BenchDynamoFeedLog(app.clients.doc, app.config.resources.table('feeds'));
    standIns.push('src/aws/dynamo-feed-log.ts');
  }
  let deliveries: DeliveryLedger = app.deliveryLedger();
  if (!(await built(() => deliveries.counts('probe')))) {
    // TODO(integration): DynamoDeliveryLedger (src/aws/dynamo-delivery-ledger.ts); in memory its cost is not counted.
    deliveries = new MemoryDeliveryLedger();
    standIns.push('src/aws/dynamo-delivery-ledger.ts (in memory: not counted)');
  }
  // The spine's publisher sets no MessageGroupId, which a FIFO topic refuses: one message to an unsubscribed topic tells.
  const probe = { body: '{}', attributes: { view: 'public' }, groupId: 'probe', deduplicationId: 'probe' };
  let publisher = (arn: string): FeedPublisher => new SnsFeedPublisher(app.clients.sns, arn);
  if (
    !(await publisher(probeTopicArn)
      .publish([probe])
      .then(
        () => true,
        () => false,
      ))
  ) {
    const { BenchFifoPublisher } = await import('./stand-ins/fifo-publisher.js');
    publisher = (arn) => new BenchFifoPublisher(app.clients.sns, arn);
    standIns.push('src/aws/sns-publisher.ts (FIFO)');
  }
  return { classify: classifier, log, deliveries, publisher, standIns };
}
