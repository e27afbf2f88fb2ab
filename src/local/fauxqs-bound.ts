import { Server } from 'node:net';
import { startFauxqs, type FauxqsServer } from 'fauxqs';

type FauxqsOptions = NonNullable<Parameters<typeof startFauxqs>[0]>;
type Listen = (this: Server, ...args: unknown[]) => Server;

/**
 * fauxqs listens on 0.0.0.0 whatever its options say (its `host` option only names the host
 * in queue URLs). While it starts, a listen on 0.0.0.0 is held to `host` instead: the
 * rewrite only ever narrows an address, and the server it bound is checked after.
 */
export async function startFauxqsOn(host: string, options: Omit<FauxqsOptions, 'host'>): Promise<FauxqsServer> {
  const prototype = Server.prototype as unknown as { listen: Listen };
  const listen = prototype.listen;
  /** The servers whose address was narrowed: fauxqs's, and only if it still starts as described. */
  const servers: Server[] = [];
  prototype.listen = function (this: Server, ...args: unknown[]) {
    const [first] = args;
    if (typeof first === 'object' && first !== null && (first as { host?: unknown }).host === '0.0.0.0') {
      servers.push(this);
      return listen.call(this, { ...first, host }, ...args.slice(1));
    }
    return listen.apply(this, args);
  };
  let server: FauxqsServer;
  try {
    server = await startFauxqs(options);
  } finally {
    prototype.listen = listen;
  }
  const bound = servers.map((s) => s.address()).map((a) => (typeof a === 'object' && a ? a.address : String(a)));
  if (bound.length === 0 || bound.some((address) => address !== host)) {
    await server.stop();
    throw new Error(
      `fauxqs listened on ${bound.join(', ') || 'nothing seen'}, not on ${host} alone: this fauxqs version starts differently (see src/local/fauxqs-bound.ts)`,
    );
  }
  return server;
}
