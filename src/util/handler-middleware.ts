import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { logger } from './logger.js';
import { metrics } from './metrics.js';
import { createTracer } from './tracer.js';
import { runInvocation } from './invocation-scope.js';

/**
 * What every handler gets: the Lambda context in its log lines, a trace segment per
 * invocation, and its metrics flushed at the end. Handlers stay plain functions; this
 * wraps them, configured from the configuration the handler was created with.
 */
export function withObservability<Event, Result>(
  config: Pick<RuntimeConfig, 'logLevel' | 'metricsEnabled' | 'tracingEnabled'>,
  handler: (event: Event, context: Context) => Promise<Result>,
): MiddyfiedHandler<Event, Result> {
  logger.setLogLevel(config.logLevel);
  // runInvocation is a plain call unless the process observes invocations (the cost benchmark).
  const wrapped = middy<Event, Result>((event: Event, context: Context) => runInvocation(context, () => handler(event, context)))
    .use(injectLambdaContext(logger))
    .use(captureLambdaHandler(createTracer(config.tracingEnabled)));
  if (config.metricsEnabled) return wrapped.use(logMetrics(metrics));
  // With metrics off (the embedded runtime, tests) nothing is flushed, so nothing may pile up either.
  const clearMetrics: MiddlewareObj<Event, Result> = { after: () => metrics.clearMetrics(), onError: () => metrics.clearMetrics() };
  return wrapped.use(clearMetrics);
}
