import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** What hono's Lambda adapter passes as the app's env: the API Gateway event (REST v1 or HTTP API v2). */
interface LambdaBindings {
  readonly event?: {
    readonly requestContext?: {
      readonly identity?: { readonly sourceIp?: unknown };
      readonly http?: { readonly sourceIp?: unknown };
    };
  };
}

/** What @hono/node-server passes as env: the Node request whose socket has the peer's address. */
interface NodeBindings {
  readonly incoming?: { readonly socket?: unknown };
  readonly server?: { readonly incoming?: { readonly socket?: unknown } };
}

/**
 * The calling client's address, the anonymous caller's identity for rate limits: API Gateway's
 * sourceIp in Lambda, the socket's peer locally, 'unknown' when neither is there (a test's
 * app.request()). Forwarded-for headers are not trusted: any client can write them.
 */
export function clientAddress(c: Context): string {
  const env = c.env as (LambdaBindings & NodeBindings) | undefined;
  const context = env?.event?.requestContext;
  const sourceIp = context?.identity?.sourceIp ?? context?.http?.sourceIp;
  if (typeof sourceIp === 'string' && sourceIp !== '') return sourceIp;
  if (env?.incoming?.socket !== undefined || env?.server?.incoming?.socket !== undefined) return getConnInfo(c).remote.address ?? 'unknown';
  return 'unknown';
}
