import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/catalog.js';
import { bindHostFrom } from '../../local/bind-host.js';
import { DEFAULT_API_PORT } from '../../local/stack.js';
import type { RunSummary } from '../../local/summary.js';
import { up } from '../../local/up.js';
import type { CliCommand } from '../command.js';
import { tongyuanHome } from '../stack-connection.js';

/**
 * `up --once` exits non-zero when a source failed, a dropped file was set aside, or a pipeline
 * dead-letter queue holds messages: a script must not take any of them for a clean cycle.
 */
export const cycleExitCode = (summary: Pick<RunSummary, 'failed' | 'deadLettered'> | undefined): number =>
  summary && (summary.failed.length > 0 || (summary.deadLettered?.length ?? 0) > 0) ? 1 : 0;

export const upCommand: CliCommand = {
  path: ['up'],
  usage: 'up [--once]',
  summary:
    'start the embedded stack (DynamoDB Local, SQS/SNS/S3, runtime, API); --once runs one full cycle, prints a JSON summary and exits (1 when a source failed, a dropped file was held or rejected, or a pipeline dead-letter queue holds messages)',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { once: { type: 'boolean', default: false } } });
    const port = Number(io.env.PORT ?? DEFAULT_API_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number; got "${io.env.PORT}"`);
    const bind = bindHostFrom(io.env.TONGYUAN_BIND_HOST);
    if (bind.warning) io.say(bind.warning);
    const summary = await up({ home: tongyuanHome(io.env), port, once: values.once ?? false, bindHost: bind.host, say: (line) => io.say(line), env: io.env });
    if (summary) io.out(JSON.stringify(summary));
    return cycleExitCode(summary);
  },
};
