import { parseArgs } from 'node:util';
import { catalog } from '../../app/catalog-context.js';
import { ingestDeps } from '../../app/composition.js';
import { ConfigError, type SourceConfig } from '../../config/catalog.js';
import { syncSource, type SyncResult } from '../../ingest/sync-source.js';
import type { CliCommand, CliIo } from '../command.js';
import { connectToStack } from '../stack-endpoints.js';
import { progressJson, progressLine, resultLine } from '../sync-progress.js';

interface SyncFlags {
  readonly full: boolean;
  readonly allowMassDelete: boolean;
}

/** Syncs each source in turn on this process; a failed source is reported and the others go on. */
async function syncAll(sources: readonly SourceConfig[], flags: SyncFlags, io: CliIo, terminal: boolean): Promise<{ results: SyncResult[]; failed: number }> {
  const deps = ingestDeps();
  const results: SyncResult[] = [];
  let failed = 0;
  for (const source of sources) {
    const started = Date.now();
    let drawn = false;
    try {
      const result = await syncSource(source, deps, {
        full: flags.full,
        allowMassDelete: flags.allowMassDelete,
        onPage: (progress) => {
          if (terminal) {
            process.stderr.write(`\r\x1b[2K${progressLine(progress, Date.now() - started)}`);
            drawn = true;
          } else io.out(progressJson(progress, Date.now() - started));
        },
      });
      if (drawn) process.stderr.write('\r\x1b[2K');
      results.push(result);
      if (terminal) io.say(resultLine(result, Date.now() - started));
      else io.out(JSON.stringify({ event: 'done', ...result, seconds: (Date.now() - started) / 1000 }));
    } catch (error) {
      if (drawn) process.stderr.write('\n');
      failed += 1;
      const message = (error as Error).message;
      if (terminal) io.say(`${source.id}  failed: ${message}`);
      else io.out(JSON.stringify({ event: 'failed', sourceId: source.id, error: message }));
    }
  }
  return { results, failed };
}

export const syncCommand: CliCommand = {
  path: ['sync'],
  usage: 'sync <source…>|--all [--full] [--allow-mass-delete]',
  summary:
    'pull sources now: into a running `tongyuan up` (found through $TONGYUAN_HOME/endpoints.json), else the AWS resources in the environment, else a stack started for the run; progress bar on a terminal, JSON lines otherwise',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { all: { type: 'boolean', default: false }, full: { type: 'boolean', default: false }, 'allow-mass-delete': { type: 'boolean', default: false } },
    });
    if (values.all === (positionals.length > 0)) throw new ConfigError('sync: name the sources to sync, or --all (not both)');
    const flags: SyncFlags = { full: values.full ?? false, allowMassDelete: values['allow-mass-delete'] ?? false };
    const terminal = Boolean(process.stderr.isTTY);
    const home = process.env.TONGYUAN_HOME ?? '.tongyuan';
    const connection = connectToStack(home);
    let stopStack: (() => Promise<void>) | undefined;
    let drain: ((timeoutMs: number) => Promise<void>) | undefined;
    if (connection.kind === 'none') {
      io.say(`no running stack on ${home}: starting the embedded stack for this sync`);
      const { startStack } = await import('../../local/stack.js');
      const stack = await startStack(home);
      stopStack = () => stack.stop();
      drain = (timeoutMs) => stack.runtime.drain(timeoutMs);
    } else if (connection.kind === 'running-stack') {
      io.say(`syncing into the running stack (pid ${connection.pid}); it normalizes what arrives`);
    }
    try {
      const known = await catalog();
      const targets = values.all ? known.sources : positionals.map((id) => known.source(id));
      const { results, failed } = await syncAll(targets, flags, io, terminal);
      if (drain) {
        io.say('waiting for normalize to settle…');
        await drain(15 * 60_000);
      }
      const pulled = results.reduce((n, r) => n + r.pulled, 0);
      const deleted = results.reduce((n, r) => n + r.deleted, 0);
      if (terminal) io.say(`${results.length} synced, ${failed} failed: ${pulled} records pulled, ${deleted} deleted`);
      else io.out(JSON.stringify({ event: 'summary', synced: results.length, failed, pulled, deleted }));
      return failed === 0 ? 0 : 1;
    } finally {
      await stopStack?.();
    }
  },
};
