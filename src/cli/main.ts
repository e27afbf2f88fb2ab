import { ConfigError } from '../config/catalog.js';
import type { CliIo } from './command.js';
import { commands } from './commands/index.js';

const ENVIRONMENT = `environment:
  TONGYUAN_HOME                   state directory (default .tongyuan)
  PORT                            open-data API port (default 8080)
  TONGYUAN_BIND_HOST              address every listener binds (default 127.0.0.1; anything else is reachable from other machines)
  TONGYUAN_DEMO_RECORDS           demo department size (default 1000)
  TONGYUAN_DEMO_DEPARTMENTS       demo departments to start (default all: enforcement,credit,documents,sgs,service-items)
  TONGYUAN_DEMO_PG_HOST, TONGYUAN_DEMO_MYSQL_HOST   where the demo front databases live (default 127.0.0.1)
  TONGYUAN_PUBLISH_QUIET_SECONDS  how long records must be still before releasing a change made outside a sync (default 5)
  TONGYUAN_CHECKPOINT_PAGES, TONGYUAN_CHECKPOINT_SECONDS   a sync's checkpoint cadence (default 10 pages or 5 s)
  TONGYUAN_LOG_LEVEL              handler log level (default WARN)`;

function usage(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return `usage: tongyuan <command>\n\n${lines.join('\n')}\n\n${ENVIRONMENT}`;
}

const io: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  say: (line) => process.stderr.write(`${line}\n`),
};

async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(usage());
    return argv.length === 0 ? 2 : 0;
  }
  const matches = commands.filter((c) => c.path.every((word, i) => argv[i] === word)).sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  if (!command) {
    io.say(`unknown command: ${argv.join(' ')}\n${usage()}`);
    return 2;
  }
  return command.run(argv.slice(command.path.length), io);
}

// Output to a pipe is written asynchronously: exit only once what was written is flushed.
const exitAfterOutput = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: Error) => {
    const known = error instanceof ConfigError || error.name === 'ConfigError' || error.name === 'SourceError';
    io.say(`tongyuan: ${known ? error.message : (error.stack ?? error.message)}`);
    process.exit(1);
  },
);
