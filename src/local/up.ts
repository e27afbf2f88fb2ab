import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chinaDate, checkCalendarCoverage } from '../calendar/index.js';
import { describeFileProblem } from '../config/catalog.js';
import type { Environment } from '../config/runtime-config.js';
import { sourceSchedulePlan } from '../infra/source-schedules.js';
import { connectHost, LOOPBACK_HOST } from './bind-host.js';
import { SourceOutages, type ScheduledSync, type SyncFailures } from './source-outages.js';
import { startStack, type EmbeddedStack } from './stack.js';
import type { RunSummary } from './summary.js';

export interface UpOptions {
  /** State directory (TONGYUAN_HOME); everything the embedded stack keeps lives here. */
  readonly home: string;
  readonly port: number;
  /** Run one full cycle and exit instead of serving. */
  readonly once: boolean;
  readonly say: (line: string) => void;
  /** The address every listener binds (default 127.0.0.1). */
  readonly bindHost?: string;
  /** The environment `tongyuan up` was started with: its configuration. */
  readonly env: Environment;
}

/** Says once what this stack leaves out: each refused configuration file, each demo source with nothing to read. */
async function reportLeftOut(stack: EmbeddedStack, say: (line: string) => void): Promise<void> {
  for (const problem of (await stack.app.catalog()).problems) say(`skipped ${describeFileProblem(problem)}`);
  for (const { id, why } of stack.sources.skipped) say(`not syncing source ${id}: its demo department is not running (${why})`);
}

/** A port the system has free on `host` now: bound on port 0, read, released (the API then listens on it). */
async function freePortOn(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ready, fail) => {
    probe.once('error', fail);
    probe.listen(0, host, () => ready());
  });
  const address = probe.address();
  await new Promise<void>((closed) => probe.close(() => closed()));
  if (typeof address !== 'object' || address === null) throw new Error(`could not find a free port on ${host}`);
  return address.port;
}

/** Rejects once the stack cannot go on (DynamoDB Local given up on), with the reason for the operator. */
async function whenBroken(stack: EmbeddedStack): Promise<never> {
  const error = await stack.broken;
  throw new Error(`${error.message}; the stack is stopped`);
}

/**
 * `tongyuan up`: serve the embedded stack until a signal, or run one cycle with --once. Either
 * way, a stack whose DynamoDB Local could not be kept running is stopped and `up` fails.
 */
export async function up(options: UpOptions): Promise<RunSummary | undefined> {
  const started = Date.now();
  const host = options.bindHost ?? LOOPBACK_HOST;
  // Disclosure deadlines are counted in working days; a year the calendar lacks must be seen, not guessed.
  const calendarWarning = checkCalendarCoverage(chinaDate(new Date(started)));
  if (calendarWarning) options.say(calendarWarning);
  // The API's links name the address it listens on, unless the operator configured a public one:
  // so an ephemeral port (0) is chosen now, before the API is built on it.
  const port = options.port === 0 && !options.once ? await freePortOn(host) : options.port;
  const env = { TONGYUAN_PUBLIC_BASE_URL: `http://${connectHost(host)}:${port}`, ...options.env };
  const stack = await startStack(options.home, env, { bindHost: host, say: options.say });
  const broken = whenBroken(stack);
  broken.catch(() => undefined);
  await reportLeftOut(stack, options.say);
  if (options.once) {
    try {
      const cycle = stack.runCycle();
      // Should the stack break first, the cycle it leaves ends with the stopped runtime: nobody waits for it.
      cycle.catch(() => undefined);
      const summary = await Promise.race([cycle, broken]);
      options.say(`cycle done in ${((Date.now() - started) / 1000).toFixed(1)}s with ${stack.counter.total()} AWS requests`);
      return summary;
    } finally {
      await stack.stop();
    }
  }
  let http: ServerType | undefined;
  try {
    // Each source on its own schedule, as EventBridge Scheduler runs them in AWS.
    const schedules = sourceSchedulePlan(stack.sources.sync);
    http = await new Promise<ServerType>((ready, fail) => {
      const server = serve({ fetch: stack.api.fetch, port, hostname: host }, () => ready(server));
      server.once('error', fail);
    });
    const base = `http://${connectHost(host)}:${port}`;
    options.say(`tongyuan is up (state in ${stack.home})`);
    options.say(`  portal           ${base}/`);
    options.say(`  open-data API    ${base}/v1/datasets`);
    options.say(`  CSV download     ${base}/v1/datasets/enforcement-decisions/download?format=csv`);
    for (const [name, url] of stack.demos.urls) options.say(`  demo department  ${name}: ${url}`);
    options.say('syncing every source now and then on its schedule; Ctrl-C stops');
    // A source whose department stopped answering is synced again with backoff, said once per outage.
    const departments = new SourceOutages({
      sync: async (sourceId) => (await stack.runtime.invokeThroughOutages('ingest', { sourceIds: [sourceId] })) as SyncFailures,
      say: options.say,
    });
    stack.runtime.startSchedules((fnId, error) => options.say(`${fnId} failed: ${error.message}`), {
      plan: schedules,
      onResult: (fnId, result) => {
        if (fnId === 'ingest') departments.observe(result as SyncFailures);
      },
      // A source being retried is left out of its schedule's tick: two syncs of it would overlap.
      eventAtTick: (fnId, planned) => (fnId === 'ingest' ? departments.scheduled(planned as ScheduledSync) : planned),
    });
    await Promise.race([
      new Promise<void>((resolveStop) => {
        process.once('SIGINT', () => resolveStop());
        process.once('SIGTERM', () => resolveStop());
      }),
      broken,
    ]);
    options.say('stopping…');
    departments.stop();
  } finally {
    await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
    await stack.stop();
  }
  return undefined;
}
