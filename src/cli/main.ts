import { parseArgs } from 'node:util';
import { up } from '../local/up.js';
import { loadSources, ConfigError } from '../config/catalog.js';

const USAGE = `usage: tongyuan <command>

  up [--once]        start the embedded stack (DynamoDB Local, SQS/SNS/S3, runtime, API);
                     --once runs one full cycle, prints a JSON summary and exits
  sources list       list the configured departmental sources

environment: TONGYUAN_HOME (state directory, default .tongyuan), PORT (API port, default 8080),
             TONGYUAN_DEMO_RECORDS (demo department size, default 1000), TONGYUAN_LOG_LEVEL`;

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { once: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  if (command === 'up') {
    const port = Number(process.env.PORT ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number; got "${process.env.PORT}"`);
    const summary = await up({ home: process.env.TONGYUAN_HOME ?? '.tongyuan', port, once: values.once ?? false, say });
    if (summary) process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  if (command === 'sources' && sub === 'list') {
    for (const s of await loadSources()) process.stdout.write(`${s.id}\t${s.kind}\t${s.recordType}\t${s.title}\n`);
    return 0;
  }
  process.stderr.write(`unknown command: ${positionals.join(' ')}\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`tongyuan: ${error instanceof ConfigError ? error.message : (error.stack ?? error.message)}\n`);
    process.exit(1);
  },
);
