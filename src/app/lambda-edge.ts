import type { Context } from 'aws-lambda';
import { createAwsClients, type AwsClients } from '../aws/clients.js';
import { loadRuntimeConfig, type RuntimeConfig } from '../config/runtime-config.js';
import { createTracer, traceAwsClients } from '../util/tracer.js';

export type LambdaHandler<Event, Result> = (event: Event, context: Context) => Promise<Result>;

/** What each functions/<fn>/handler.ts exports besides `handler`: the local runtime calls it with the function's own environment. */
export type CreateHandler<Event, Result> = (config: RuntimeConfig, clients: AwsClients) => LambdaHandler<Event, Result>;

/**
 * Lambda's entry point for a handler: at the first invocation (the cold start) the
 * configuration is read from the function's environment and its traced SDK clients are
 * created, once; every invocation after reuses them.
 */
export function atColdStart<Event, Result>(create: CreateHandler<Event, Result>): LambdaHandler<Event, Result> {
  let built: LambdaHandler<Event, Result> | undefined;
  return (event, context) => {
    if (!built) {
      const config = loadRuntimeConfig(process.env);
      built = create(config, traceAwsClients(createAwsClients(config.aws), createTracer(config.tracingEnabled)));
    }
    return built(event, context);
  };
}
