import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApi } from '../../src/api/app.js';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { withObservability } from '../../src/util/handler-middleware.js';

/**
 * The open-data API behind API Gateway's REST API (Lambda proxy integration, payload 1.0, which
 * hono's `handle` reads as it reads 2.0: the path without the stage, every header and query
 * value, base64 bodies both ways). The gateway's authorizer has admitted the request; the app
 * checks the caller's key again itself.
 */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  // API Gateway caps a response at about 6 MB: downloads are redirects to presigned S3 URLs.
  const serve = handle(createApi(new Composition(config, clients).apiDeps({ presignDownloads: true })));
  return withObservability(config, (event: LambdaEvent, context: Context) => serve(event, context));
}

export const handler = atColdStart(createHandler);
