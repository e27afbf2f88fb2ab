import { isIP } from 'node:net';
import { ConfigError } from '../config/catalog.js';

/** Where every embedded listener binds unless told otherwise: this machine only. */
export const LOOPBACK_HOST = '127.0.0.1';

/** The address the embedded listeners bind, and what to say when it is not loopback. */
export interface BindHost {
  readonly host: string;
  /** Set when the listeners are reachable from other machines: the operator must hear it. */
  readonly warning: string | undefined;
}

export function isLoopback(host: string): boolean {
  return host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * TONGYUAN_BIND_HOST, an IP address (default 127.0.0.1). The emulators answer unsigned
 * requests and hold the raw zone, so leaving loopback is only ever an explicit choice.
 */
export function bindHostFrom(value: string | undefined): BindHost {
  const host = value === undefined || value.trim() === '' ? LOOPBACK_HOST : value.trim();
  if (isIP(host) === 0) throw new ConfigError(`TONGYUAN_BIND_HOST must be an IP address; got "${value}"`);
  if (isLoopback(host)) return { host, warning: undefined };
  return {
    host,
    warning:
      `WARNING: TONGYUAN_BIND_HOST=${host}: DynamoDB Local, the SQS/SNS/S3 emulator, the demo departments and the API ` +
      'listen beyond this machine, without authentication; anyone who reaches them can read the raw zone and every record.',
  };
}

/** The address a client on this machine uses to reach a listener bound to `host`. */
export function connectHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return LOOPBACK_HOST;
  return isIP(host) === 6 ? `[${host}]` : host;
}
