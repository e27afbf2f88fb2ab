import middy, { type MiddyfiedHandler } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './logger.js';
import { metrics } from './metrics.js';

/**
 * What every handler gets: the Lambda context in its log lines and its metrics flushed
 * at the end of each invocation. Handlers stay plain functions; this wraps them.
 */
export function withObservability<Event, Result>(handler: (event: Event, context: Context) => Promise<Result>): MiddyfiedHandler<Event, Result> {
  const wrapped = middy<Event, Result>(handler).use(injectLambdaContext(logger));
  // With metrics off (the embedded runtime, tests) the flush would only warn that nothing was recorded.
  return process.env.POWERTOOLS_METRICS_DISABLED === 'true' ? wrapped : wrapped.use(logMetrics(metrics));
}
