import { serve, type ServerType } from '@hono/node-server';
import type { Environment } from '../config/runtime-config.js';
import { sourceSchedulePlan } from '../infra/source-schedules.js';
import { startStack } from './stack.js';
import type { RunSummary } from './summary.js';

export interface UpOptions {
  /** State directory (TONGYUAN_HOME); everything the embedded stack keeps lives here. */
  readonly home: string;
  readonly port: number;
  /** Run one full cycle and exit instead of serving. */
  readonly once: boolean;
  readonly say: (line: string) => void;
  /** The environment `tongyuan up` was started with: its configuration. */
  readonly env: Environment;
}

/** `tongyuan up`: serve the embedded stack until a signal, or run one cycle with --once. */
export async function up(options: UpOptions): Promise<RunSummary | undefined> {
  const started = Date.now();
  const stack = await startStack(options.home, options.env);
  if (options.once) {
    try {
      const summary = await stack.runCycle();
      options.say(`cycle done in ${((Date.now() - started) / 1000).toFixed(1)}s with ${stack.counter.total()} AWS requests`);
      return summary;
    } finally {
      await stack.stop();
    }
  }
  let http: ServerType | undefined;
  try {
    // Each source on its own schedule, as EventBridge Scheduler runs them in AWS.
    const schedules = sourceSchedulePlan((await stack.app.catalog()).sources);
    http = await new Promise<ServerType>((ready, fail) => {
      const server = serve({ fetch: stack.api.fetch, port: options.port, hostname: '127.0.0.1' }, () => ready(server));
      server.once('error', fail);
    });
    const address = http.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
    options.say(`tongyuan is up (state in ${stack.home})`);
    options.say(`  open-data API    ${base}/v1/datasets`);
    options.say(`  CSV download     ${base}/v1/datasets/enforcement-decisions/download?format=csv`);
    for (const [name, url] of stack.demos.urls) options.say(`  demo department  ${name}: ${url}`);
    options.say('syncing every source now and then on its schedule; Ctrl-C stops');
    stack.runtime.startSchedules((fnId, error) => options.say(`${fnId} failed: ${error.message}`), schedules);
    await new Promise<void>((resolveStop) => {
      process.once('SIGINT', () => resolveStop());
      process.once('SIGTERM', () => resolveStop());
    });
    options.say('stopping…');
  } finally {
    await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
    await stack.stop();
  }
  return undefined;
}
