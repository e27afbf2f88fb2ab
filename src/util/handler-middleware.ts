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
  return middy<Event, Result>(handler)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}
