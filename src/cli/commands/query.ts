import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/catalog.js';
import { runReleaseQuery, type QueryOutput } from '../../query/run-query.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack, tongyuanHome } from '../stack-connection.js';

/** The release Parquet files `tongyuan query` has fetched, inside the stack's private state directory. */
export const QUERY_CACHE_DIR = 'query-cache';

const USAGE = 'query "<sql>" [--json | --csv] [--offline]';

export const queryCommand: CliCommand = {
  path: ['query'],
  usage: USAGE,
  summary:
    'SQL (DuckDB) over every release of every dataset: one view per dataset (enforcement_decisions, or "enforcement-decisions") with a release column, as the Glue tables in AWS; a table, or --json / --csv',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false }, offline: { type: 'boolean', default: false } },
    });
    const [sql, ...extra] = positionals;
    if (!sql?.trim() || extra.length > 0) throw new ConfigError(`usage: tongyuan ${USAGE} (the SQL as one quoted argument)`);
    if (values.json && values.csv) throw new ConfigError('query: choose one of --json and --csv');
    const output: QueryOutput = values.json ? 'json' : values.csv ? 'csv' : 'table';
    const cacheDir = join(tongyuanHome(io.env), QUERY_CACHE_DIR);
    // --offline: the releases already fetched, without a running stack.
    const bucket = values.offline ? undefined : connectToRunningStack(io.env).releaseObjects();
    const outcome = await runReleaseQuery({ sql, output, cacheDir, bucket });
    if (outcome.views.length === 0) io.say('no release Parquet file found: no dataset has a view yet');
    if (!outcome.ok) {
      io.say(`query failed: ${outcome.error}`);
      io.say(`views: ${outcome.views.join(', ') || 'none'}`);
      return 1;
    }
    for (const line of outcome.lines) io.out(line);
    io.say(`${outcome.rows} row${outcome.rows === 1 ? '' : 's'}${outcome.downloaded > 0 ? `; fetched ${outcome.downloaded} release file(s)` : ''}`);
    return 0;
  },
};
