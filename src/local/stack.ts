import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import type { ApiEnv, RateLimits } from '../api/deps.js';
import { createApi } from '../api/app.js';
import { QUERY_CACHE_DIR } from '../cli/commands/query.js';
import { Composition } from '../app/composition.js';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../aws/clients.js';
import { countRequests, RequestCounter } from '../aws/request-counter.js';
import { loadRuntimeConfig, type Environment } from '../config/runtime-config.js';
import { loadSubscribers } from '../config/subscribers.js';
import { modelWith } from '../infra/subscriber-resources.js';
import { failedList } from '../ingest/sync-sources.js';
import { logger } from '../util/logger.js';
import { EMULATOR_REGION, startEmbeddedAws, type EmbeddedAws } from './embedded-aws.js';
import { endpointsFileText, onRunningEmulator } from './endpoints-file.js';
import { provision, type Provisioned } from './provision.js';
import { LocalRuntime } from './runtime/runtime.js';
import { provisionStreamFailureQueues } from './runtime/stream-failure-queues.js';
// The embedded default's demo departments: the one place under src/ that reaches demo/ (a type here, a dynamic import below).
import type { DemoDepartments } from '../../demo/departments.js';
import { connectHost, LOOPBACK_HOST } from './bind-host.js';
import { FEED_KEYS_FILE, FileSigningKeys } from './file-signing-keys.js';
import { preparePrivateDir, privateUmask } from './private-state.js';
import { sourcesToSync, type SourcesToSync } from './sources-to-sync.js';
import { emulatorEnvironment, simulatedFunctionEnvironment } from './stack-environment.js';
import { claimStateDir } from './state-lock.js';
import { pipelineDeadLetters } from './dead-letters.js';
import { collectSummary, countReleases, type RunSummary } from './summary.js';
import { ingestThroughOutages } from './ingest-through-outages.js';

/** The embedded stack, running: what `tongyuan up` serves and what the e2e tests drive. */
export interface EmbeddedStack {
  readonly home: string;
  readonly aws: EmbeddedAws;
  readonly provisioned: Provisioned;
  readonly runtime: LocalRuntime;
  readonly demos: DemoDepartments;
  /** The sources this stack schedules and syncs; a demo source whose department is not running is left out. */
  readonly sources: SourcesToSync;
  readonly api: Hono<ApiEnv>;
  /** The stack's adapters and catalog, configured as a client of the stack (the CLI) configures them. */
  readonly app: Composition;
  /** Every AWS request the stack and its functions made. */
  readonly counter: RequestCounter;
  /** One full cycle: every source synced, then everything downstream settled. */
  runCycle(timeoutMs?: number): Promise<RunSummary>;
  /**
   * Resolves (never rejects) if the stack cannot go on: DynamoDB Local kept dying and its
   * restarts were given up on. The caller stops the stack and exits non-zero.
   */
  readonly broken: Promise<Error>;
  stop(): Promise<void>;
}

/** The local API's token buckets: generous for one person's browser, tight enough to show a 429. */
export const LOCAL_RATE_LIMITS: RateLimits = {
  anonymous: { ratePerSecond: 20, burst: 40 },
  perKey: { ratePerSecond: 50, burst: 100 },
};

/** Written while a stack runs, so CLI commands in another process can reach its emulators: `{ pid, env }`. */
export const ENDPOINTS_FILE = 'endpoints.json';

export interface StackOptions {
  /** The address every embedded listener binds (default 127.0.0.1: this machine only). */
  readonly bindHost?: string;
  /** The API's token buckets (LOCAL_RATE_LIMITS by default); `false` for a caller that measures throughput, such as the benchmark. */
  readonly rateLimit?: RateLimits | false;
  /** Where the operator hears of an emulator's death, restart and outages (by default, warnings in the log). */
  readonly say?: (line: string) => void;
}

/**
 * Boots emulators, resources, demo departments and the runtime on a state directory that is
 * its owner's alone: the directory 0700, and, while the stack runs, this process's umask 077.
 * `env` is the environment `tongyuan up` was started with, read here and passed down;
 * this process's own environment is never changed.
 */
/** The port `tongyuan up` serves the API on when PORT is not set. */
export const DEFAULT_API_PORT = 8080;

export async function startStack(homeDir: string, givenEnv: Environment, options: StackOptions = {}): Promise<EmbeddedStack> {
  const home = resolve(homeDir);
  const host = options.bindHost ?? LOOPBACK_HOST;
  // `up` passes the address it listens on; a stack started without one links to the default port.
  const env: Environment = { TONGYUAN_PUBLIC_BASE_URL: `http://${connectHost(host)}:${DEFAULT_API_PORT}`, ...givenEnv };
  preparePrivateDir(home);
  const restoreUmask = privateUmask();
  const releaseHome = claimStateDir(home);
  const logLevel = env.TONGYUAN_LOG_LEVEL ?? env.POWERTOOLS_LOG_LEVEL ?? 'WARN';
  const stackConfig = loadRuntimeConfig({ ...env, POWERTOOLS_LOG_LEVEL: logLevel });
  logger.setLogLevel(stackConfig.logLevel);
  const counter = new RequestCounter();
  let aws: EmbeddedAws | undefined;
  let clients: AwsClients | undefined;
  let demos: DemoDepartments | undefined;
  let runtime: LocalRuntime | undefined;
  const endpointsFile = join(home, ENDPOINTS_FILE);
  const say = options.say ?? ((line: string) => logger.warn(line));
  let giveUp: (error: Error) => void = () => undefined;
  const broken = new Promise<Error>((resolve) => (giveUp = resolve));
  const stop = async () => {
    rmSync(endpointsFile, { force: true });
    await runtime?.stop();
    await demos?.stop();
    if (clients) destroyAwsClients(clients);
    await aws?.stop();
    releaseHome();
    restoreUmask();
  };
  try {
    // The runtime exists only later: a restart before it has no one waiting to tell.
    aws = await startEmbeddedAws(home, host, { say, gaveUp: (error) => giveUp(error), restarted: () => runtime?.dynamoGate.nudge() });
    clients = countRequests(createAwsClients(aws.clientOptions), counter);
    // Subscriber queues and subscriptions come from subscribers/*.yaml; a refused file is skipped, as the catalog skips it.
    const model = modelWith((await loadSubscribers(stackConfig.catalogDirs.subscribers)).valid);
    // The stream mappings' on-failure destinations are the runtime's part of the model, as they are the event triggers' in the CDK stack.
    const provisioned = await provisionStreamFailureQueues(model, clients.sqs, await provision(model, clients));
    const emulators = emulatorEnvironment(aws.clientOptions);
    const provisionedApp = new Composition(loadRuntimeConfig({ ...env, ...emulators, ...provisioned.env }), clients);
    const { startDemoDepartments } = await import('../../demo/departments.js');
    demos = await startDemoDepartments(env, { raw: provisionedApp.rawBucket(), processed: provisionedApp.processedFiles() }, host);
    // Everything a client of the stack needs: emulators, resource names, and the demo departments' addresses.
    const feedKeysFile = join(home, FEED_KEYS_FILE);
    // Commands run against this stack (feeds replay) sign with its key file, as its functions do.
    // Queue URLs on this run's messaging port: a restarted state directory hands back the first run's.
    const resourceEnv = onRunningEmulator(provisioned.env, provisioned.queueUrls.values(), aws.messagingEndpoint);
    const clientEnv = { ...emulators, ...resourceEnv, ...demos.env, TONGYUAN_FEED_KEYS_FILE: feedKeysFile };
    writeFileSync(endpointsFile, endpointsFileText(process.pid, clientEnv));
    const app = new Composition(loadRuntimeConfig({ ...env, ...clientEnv }, model), clients);
    const names = app.config.resources;
    const settings = { names, emulators, demos: demos.env, stack: stackConfig, logLevel, feedKeysFile };
    runtime = await LocalRuntime.create({
      model,
      provisioned,
      stateDir: home,
      clients,
      clientOptions: { ...aws.clientOptions, region: EMULATOR_REGION },
      environmentOf: (fn) => simulatedFunctionEnvironment(fn, settings),
      counter,
      say,
    });
    // The API server answers with the api function's own configuration, as API Gateway would invoke it.
    // Locally the API limits callers itself (no usage plans), its feed signing keys live in the state
    // directory, and downloads stream (no presigning); release files are cached beside `tongyuan query`'s.
    const api = createApi({
      ...new Composition(runtime.functionConfig('api'), clients).apiDeps({ recordsCacheDir: join(home, QUERY_CACHE_DIR) }),
      signingKeys: new FileSigningKeys(feedKeysFile),
      ...(options.rateLimit === false ? {} : { rateLimit: options.rateLimit ?? LOCAL_RATE_LIMITS }),
    });
    runtime.start();
    const running = runtime;
    const sqs = clients.sqs;
    const sources = sourcesToSync((await app.catalog()).sources, demos.unavailableSources);
    const sourceIds = sources.sync.map((s) => s.id);
    return {
      home,
      aws,
      provisioned,
      runtime,
      demos,
      sources,
      api,
      app,
      counter,
      async runCycle(timeoutMs = 15 * 60_000) {
        // The summary's reads go through an outage of DynamoDB Local as the functions do: a cycle that
        // outlived one must not end on a refused connection while the emulator is being restarted.
        const releasesBefore = await running.throughOutages(() => countReleases(app));
        counter.reset();
        const ingest = await ingestThroughOutages(running, sourceIds);
        await running.drain(timeoutMs);
        const deadLettered = await pipelineDeadLetters(sqs, provisioned.queueUrls);
        const failed = failedList(ingest);
        return running.throughOutages(() => collectSummary(app, { ingest: ingest.results, events: counter.snsMessages, releasesBefore, failed, deadLettered }));
      },
      broken,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
