/**
 * Where the pipeline's AWS requests go: the same run as bench/pipeline.ts (law-enforcement
 * department, one cycle), every request counted by operation, by table (or topic, queue,
 * bucket) and by the code that made it (the nearest frame of ours in its async stack), with
 * the time it was in flight. Per 1,000 records pulled, most first.
 *
 * BENCH_PIPELINE_RECORDS sets the department's size (default 1,000). For the CPU of this
 * process run it under `node --cpu-prof --import tsx`.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pluggable } from '@smithy/types';
import { RequestCounter } from '../src/aws/request-counter.js';

const records = Number(process.env.BENCH_PIPELINE_RECORDS ?? 1000);
process.env.TONGYUAN_DEMO_RECORDS = String(records);
const sourcesDir = mkdtempSync(join(tmpdir(), 'tongyuan-bench-sources-'));
copyFileSync(new URL('../sources/demo-enforcement.yaml', import.meta.url), join(sourcesDir, 'demo-enforcement.yaml'));
Object.assign(process.env, { TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_SOURCES_DIR: sourcesDir });
process.env.TONGYUAN_PUBLISH_QUIET_SECONDS = '1';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const { startStack } = await import('../src/local/stack.js');

interface Tally {
  count: number;
  ms: number;
}
const byTarget = new Map<string, Tally>();
const byCaller = new Map<string, Tally>();
let counting = false;

const tail = (arnOrUrl: string): string => arnOrUrl.split(/[:/]/).pop() ?? arnOrUrl;

/** The tables, topic, queue or bucket a request names. */
function targetOf(input: Record<string, unknown>): string {
  if (typeof input.TableName === 'string') return input.TableName;
  if (input.RequestItems) return Object.keys(input.RequestItems).join('+');
  if (Array.isArray(input.TransactItems)) {
    const tables = new Set((input.TransactItems as Record<string, { TableName?: string }>[]).flatMap((t) => Object.values(t).map((a) => a.TableName ?? '?')));
    return [...tables].join('+');
  }
  if (typeof input.TopicArn === 'string') return tail(input.TopicArn);
  if (typeof input.QueueUrl === 'string') return tail(input.QueueUrl);
  if (typeof input.Bucket === 'string') return input.Bucket;
  return '-';
}

/** The nearest frame of the project's own code outside src/aws (who asked), from the async stack. */
function callerOf(stack: string | undefined): string {
  const frames = (stack ?? '').split('\n').filter((l) => /\/(src|functions)\//.test(l) && !l.includes('node_modules'));
  const own = frames.find((l) => !/\/src\/aws\/|\/src\/util\//.test(l)) ?? frames[0] ?? '?';
  const aws = frames.find((l) => /\/src\/aws\//.test(l));
  const name = (line: string | undefined) => line?.match(/\/((?:src|functions)\/[^:)]+:\d+)/)?.[1] ?? '?';
  return `${name(own)} via ${name(aws)}`;
}

const add = (map: Map<string, Tally>, key: string, ms: number) => {
  const t = map.get(key) ?? { count: 0, ms: 0 };
  t.count++;
  t.ms += ms;
  map.set(key, t);
};

// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the counter as `this`
const original = RequestCounter.prototype.plugin;
RequestCounter.prototype.plugin = function <I extends object, O extends object>(this: RequestCounter, service: string): Pluggable<I, O> {
  const counted = original.call(this, service) as unknown as Pluggable<I, O>;
  return {
    applyToStack: (stack) => {
      counted.applyToStack(stack);
      stack.add(
        (next, context) => async (args) => {
          if (!counting) return next(args);
          const stackTrace = new Error().stack;
          const operation = `${service}.${String(context.commandName ?? '?').replace(/Command$/, '')}`;
          const started = performance.now();
          try {
            return await next(args);
          } finally {
            const ms = performance.now() - started;
            add(byTarget, `${operation} ${targetOf(args.input as Record<string, unknown>)}`, ms);
            add(byCaller, `${operation} ${callerOf(stackTrace)}`, ms);
          }
        },
        { step: 'initialize', name: `requestProfile-${service}`, override: true },
      );
    },
  };
};
Error.stackTraceLimit = 40;

const home = mkdtempSync(join(tmpdir(), 'tongyuan-bench-'));
const stack = await startStack(home, process.env);
try {
  counting = true;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const summary = await stack.runCycle();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const per = (n: number) => ((n / summary.pulled) * 1000).toFixed(1).padStart(8);
  console.log(
    `records pulled ${summary.pulled}, ${summary.events} feed messages; ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`,
  );
  console.log(`records per second ${((summary.pulled / ms) * 1000).toFixed(0)}; AWS requests per 1,000: ${per(stack.counter.total())}`);
  for (const [title, map] of [
    ['by operation and target', byTarget],
    ['by operation and caller', byCaller],
  ] as const) {
    console.log(`\n${title} (per 1,000 records; ms in flight in all)`);
    for (const [key, t] of [...map].sort((a, b) => b[1].count - a[1].count)) console.log(`${per(t.count)} ${t.ms.toFixed(0).padStart(8)} ms  ${key}`);
  }
} finally {
  await stack.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(sourcesDir, { recursive: true, force: true });
}
