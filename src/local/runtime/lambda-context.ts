import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
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

/** Imports a function's handler module the way Lambda would load its bundle. */
export async function loadHandler(fn: FunctionDef): Promise<Handler> {
  const module = (await import(new URL(`../../../${fn.entry}`, import.meta.url).href)) as { handler?: Handler };
  if (typeof module.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
  return module.handler;
}
