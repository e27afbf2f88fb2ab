import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { requestCounter } from '../aws/request-counter.js';
import { resources } from '../infra/resources.js';
import { startEmbeddedAws, type EmbeddedAws } from './embedded-aws.js';
import { provision, type Provisioned } from './provision.js';
import { LocalRuntime } from './runtime/runtime.js';
// The embedded default's demo departments: the one place under src/ that reaches demo/ (a type here, a dynamic import below).
import type { DemoDepartments } from '../../demo/departments.js';
import { catalog } from '../app/catalog-context.js';
import { sourcesToSync, type SourcesToSync } from './sources-to-sync.js';
import { collectSummary, countReleases, type RunSummary } from './summary.js';
import { claimStateDir } from './state-lock.js';
import { LOOPBACK_HOST } from './bind-host.js';
import { preparePrivateDir, privateUmask } from './private-state.js';

/** The embedded stack, running: what `tongyuan up` serves and what the e2e tests drive. */
export interface EmbeddedStack {
  readonly home: string;
  readonly aws: EmbeddedAws;
  readonly provisioned: Provisioned;
  readonly runtime: LocalRuntime;
  readonly demos: DemoDepartments;
  /** The sources this stack schedules and syncs; a demo source whose department is not running is left out. */
  readonly sources: SourcesToSync;
  readonly api: Hono;
  /** One full cycle: every source synced, then everything downstream settled. */
  runCycle(timeoutMs?: number): Promise<RunSummary>;
  stop(): Promise<void>;
}

/** Written while a stack runs, so CLI commands in another process can reach its emulators. */
export const ENDPOINTS_FILE = 'endpoints.json';

/** The AWS endpoint and resource variables a client of this stack needs. */
function stackEnvironment(): Record<string, string> {
  const names = Object.keys(process.env).filter((k) => /^AWS_(REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|ENDPOINT_URL.*)$/.test(k) || /^TONGYUAN_.*_(TABLE|BUCKET|QUEUE_URL|TOPIC_ARN)$/.test(k) || /^TONGYUAN_DEMO_/.test(k));
  return Object.fromEntries(names.sort().map((k) => [k, process.env[k] ?? '']));
}

export interface StackOptions {
  /** The address every embedded listener binds (default 127.0.0.1: this machine only). */
  readonly bindHost?: string;
}

/**
 * Boots emulators, resources, demo departments and the runtime on a state directory that is
 * its owner's alone: the directory 0700, and, while the stack runs, this process's umask 077.
 */
export async function startStack(homeDir: string, options: StackOptions = {}): Promise<EmbeddedStack> {
  const home = resolve(homeDir);
  const host = options.bindHost ?? LOOPBACK_HOST;
  preparePrivateDir(home);
  const restoreUmask = privateUmask();
  const releaseHome = claimStateDir(home);
  process.env.POWERTOOLS_LOG_LEVEL = process.env.TONGYUAN_LOG_LEVEL ?? 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  let aws: EmbeddedAws | undefined;
  let demos: DemoDepartments | undefined;
  let runtime: LocalRuntime | undefined;
  const endpointsFile = join(home, ENDPOINTS_FILE);
  const stop = async () => {
    rmSync(endpointsFile, { force: true });
    await runtime?.stop();
    await demos?.stop();
    await aws?.stop();
    releaseHome();
    restoreUmask();
  };
  try {
    aws = await startEmbeddedAws(home, host);
    const provisioned = await provision(resources);
    Object.assign(process.env, provisioned.env);
    const { startDemoDepartments } = await import('../../demo/departments.js');
    demos = await startDemoDepartments(host);
    // After the demo departments: their addresses (TONGYUAN_DEMO_*) are what `tongyuan sync` needs to reach them.
    writeFileSync(endpointsFile, `${JSON.stringify({ pid: process.pid, env: stackEnvironment() }, null, 2)}\n`);
    runtime = await LocalRuntime.create({ model: resources, provisioned, stateDir: home, dynamoEndpoint: aws.dynamoEndpoint });
    // Imported only now: the handler reads its resource names from the environment set above.
    const { app } = await import('../../functions/api/handler.js');
    runtime.start();
    const running = runtime;
    const sources = sourcesToSync((await catalog()).sources, demos.unavailableSources);
    const sourceIds = sources.sync.map((s) => s.id);
    return {
      home,
      aws,
      provisioned,
      runtime,
      demos,
      sources,
      api: app,
      async runCycle(timeoutMs = 15 * 60_000) {
        const releasesBefore = await countReleases();
        requestCounter.reset();
        const ingest = (await running.invoke('ingest', { sourceIds })) as { results: { pulled: number }[] };
        await running.drain(timeoutMs);
        return collectSummary({ ingest: ingest.results, events: requestCounter.snsMessages, releasesBefore });
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
