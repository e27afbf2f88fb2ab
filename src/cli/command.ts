import type { Environment } from '../config/runtime-config.js';

/** One `tongyuan` subcommand. Each lives in its own module under commands/. */
export interface CliCommand {
  /** The words that select it, e.g. ['sources', 'list']. */
  readonly path: readonly string[];
  readonly usage: string;
  readonly summary: string;
  /** Exit code; throwing ConfigError prints its message alone. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  /** The environment the command was started with: its configuration is read from here, once. */
  readonly env: Environment;
  /** Results (the summary line, tables): stdout. */
  out(line: string): void;
  /** Progress and notices: stderr. */
  say(line: string): void;
}
