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

const records = Number(process.argv[2]);
if (!Number.isInteger(records) || records < 1) throw new Error('usage: one-size.ts <records>');
process.env.TONGYUAN_DEMO_RECORDS = String(records);
const sourcesDir = mkdtempSync(join(tmpdir(), 'tongyuan-scale-sources-'));
copyFileSync(new URL('../../sources/demo-enforcement.yaml', import.meta.url), join(sourcesDir, 'demo-enforcement.yaml'));
Object.assign(process.env, { TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_SOURCES_DIR: sourcesDir, POWERTOOLS_LOG_LEVEL: 'ERROR' });
// Imported after the environment is set: loggers read their level when created.
const { startStack } = await import('../../src/local/stack.js');

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
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await stack.runCycle(90 * 60_000);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
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
    requests: Object.fromEntries(stack.counter.requests),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(sourcesDir, { recursive: true, force: true });
}
