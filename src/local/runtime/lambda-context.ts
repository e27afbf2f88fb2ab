import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { AwsClients } from '../../aws/clients.js';
import type { RuntimeConfig } from '../../config/runtime-config.js';
import type { FunctionDef } from '../../infra/resources.js';

/** The Lambda context a handler sees, with the function's configured timeout. */
export function lambdaContext(fn: FunctionDef): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const name = `tongyuan-${fn.id}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** What every functions/<fn>/handler.ts exports for the local runtime: its handler, built from its configuration and clients. */
export type HandlerFactory = (config: RuntimeConfig, clients: AwsClients) => Handler;

/** Imports a function's handler module the way Lambda would load its bundle. */
export async function loadHandlerFactory(fn: FunctionDef): Promise<HandlerFactory> {
  const module = (await import(new URL(`../../../${fn.entry}`, import.meta.url).href)) as { createHandler?: HandlerFactory };
  if (typeof module.createHandler !== 'function') throw new Error(`${fn.entry} exports no createHandler`);
  return module.createHandler;
}
