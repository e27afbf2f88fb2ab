/**
 * One size of the scale run, in a process of its own (a fresh stack, nothing warm from the
 * size before): the law-enforcement department with N decisions, one cycle through the
 * embedded stack. Prints one JSON line (ScaleResult) as its last line.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRead } from '../support/raw-read.js';
import { peakRssMb, type ScaleResult } from './measure.js';
import { spans, spanTable, timeHandlers, timeRequests } from '../support/spans.js';
import { failedList, type SyncSourcesOutcome } from '../../src/ingest/sync-sources.js';
import { createAwsClients, destroyAwsClients } from '../../src/aws/clients.js';
import { loadSubscribers } from '../../src/config/subscribers.js';
import { subscriberQueueId } from '../../src/infra/subscriber-resources.js';
import { consumeSubscriberQueues } from '../support/subscriber-queues.js';

const records = Number(process.argv[2]);
if (!Number.isInteger(records) || records < 1) throw new Error('usage: one-size.ts <records>');
process.env.TONGYUAN_DEMO_RECORDS = String(records);
const sourcesDir = mkdtempSync(join(tmpdir(), 'tongyuan-scale-sources-'));
copyFileSync(new URL('../../sources/demo-enforcement.yaml', import.meta.url), join(sourcesDir, 'demo-enforcement.yaml'));
Object.assign(process.env, { TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_SOURCES_DIR: sourcesDir, POWERTOOLS_LOG_LEVEL: 'ERROR' });
// Every client the stack creates times its requests by operation.
timeRequests();
// Imported after the environment is set: loggers read their level when created.
const { startStack } = await import('../../src/local/stack.js');
const { collectSummary, countReleases } = await import('../../src/local/summary.js');

const home = mkdtempSync(join(tmpdir(), 'tongyuan-scale-'));
const stack = await startStack(home, process.env, { rateLimit: false });
try {
  const floor = await rawRead([...stack.demos.urls.values()][0]!);
  const javaPidFile = join(home, 'dynamodb', 'java.pid');
  const peaks = { node: 0, dynamodb: 0 };
  const sample = () => {
    peaks.node = Math.max(peaks.node, process.memoryUsage.rss() / 2 ** 20);
    peaks.dynamodb = Math.max(peaks.dynamodb, peakRssMb(javaPidFile));
  };
  const sampler = setInterval(sample, 500);
  // The subscribers read their queues, as in a deployment: feed messages do not pile up in the emulator.
  const subscriberClients = createAwsClients(stack.aws.clientOptions);
  const subscribers = (await loadSubscribers(stack.app.config.catalogDirs.subscribers)).valid;
  const subscriberQueues = subscribers.map((s) => stack.provisioned.queueUrls.get(subscriberQueueId(s.id))!);
  const reading = consumeSubscriberQueues(subscriberClients.sqs, subscriberQueues);
  const cpu = process.cpuUsage();
  const started = performance.now();
  // The cycle as runCycle runs it, with the run summary's counting timed apart from the pipeline.
  const releasesBefore = await countReleases(stack.app);
  stack.counter.reset();
  timeHandlers(stack.runtime);
  spans.clear();
  // One invocation pulls at most its page budget (500 pages): past it, as the schedule would, the
  // sources cut short are invoked again until every run has read to its end.
  const outcomes: SyncSourcesOutcome[] = [];
  let pending = stack.sources.sync.map((s) => s.id);
  while (pending.length > 0) {
    const outcome = (await stack.runtime.invoke('ingest', { sourceIds: pending })) as SyncSourcesOutcome;
    outcomes.push(outcome);
    pending = outcome.results.filter((r) => !r.complete && r.pulled > 0 && r.note?.startsWith('stopped after')).map((r) => r.sourceId);
  }
  const ingest: SyncSourcesOutcome = { results: outcomes.flatMap((o) => o.results), failures: outcomes.flatMap((o) => o.failures) };
  await stack.runtime.drain(90 * 60_000);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await reading.stop();
  destroyAwsClients(subscriberClients);
  process.stderr.write(`subscribers read ${reading.consumed()} feed message(s) from ${subscriberQueues.length} queue(s)\n`);
  clearInterval(sampler);
  sample();
  const requests = Object.fromEntries(stack.counter.requests);
  const summaryStarted = performance.now();
  const summary = await collectSummary(stack.app, { ingest: ingest.results, events: stack.counter.snsMessages, releasesBefore, failed: failedList(ingest) });
  const summaryMs = performance.now() - summaryStarted;
  const result: ScaleResult = {
    records,
    pulled: summary.pulled,
    stored: summary.records,
    quarantined: summary.quarantined,
    releases: summary.releases,
    events: summary.events,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    floorMs: floor.ms,
    peakRssMb: peaks.node,
    dynamoDbPeakRssMb: peaks.dynamodb,
    requests,
    summaryMs,
    spans: spanTable(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(sourcesDir, { recursive: true, force: true });
}
