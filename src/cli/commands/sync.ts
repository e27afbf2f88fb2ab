import { parseArgs } from 'node:util';
import type { Composition } from '../../app/composition.js';
import { ConfigError, type SourceConfig } from '../../config/catalog.js';
import { failedList, failureReason, syncSources, type SyncObserver, type SyncSourcesOutcome } from '../../ingest/sync-sources.js';
import type { CliCommand, CliIo } from '../command.js';
import { tongyuanHome } from '../stack-connection.js';
import { connectToStack } from '../stack-endpoints.js';
import { progressJson, progressLine, resultLine } from '../sync-progress.js';

interface SyncFlags {
  readonly full: boolean;
  readonly allowMassDelete: boolean;
}

/** Progress on a terminal (a bar redrawn in place, a line per source), JSON lines otherwise. */
function progressReport(io: CliIo, terminal: boolean): SyncObserver {
  let started = Date.now();
  let drawn = false;
  const elapsed = () => Date.now() - started;
  return {
    started: () => {
      started = Date.now();
      drawn = false;
    },
    page: (_, progress) => {
      if (!terminal) return io.out(progressJson(progress, elapsed()));
      process.stderr.write(`\r\x1b[2K${progressLine(progress, elapsed())}`);
      drawn = true;
    },
    synced: (_, result) => {
      if (drawn) process.stderr.write('\r\x1b[2K');
      if (terminal) io.say(resultLine(result, elapsed()));
      else io.out(JSON.stringify({ event: 'done', ...result, seconds: elapsed() / 1000 }));
    },
    failed: (source: SourceConfig, error) => {
      if (drawn) process.stderr.write('\n');
      if (terminal) io.say(`${source.id}  failed: ${error.message}`);
      else io.out(JSON.stringify({ event: 'failed', sourceId: source.id, error: error.message, reason: failureReason(error) }));
    },
  };
}

/** Syncs each source in turn on this process; a failed source is reported and the others go on. */
async function syncAll(app: Composition, sources: readonly SourceConfig[], flags: SyncFlags, io: CliIo, terminal: boolean): Promise<SyncSourcesOutcome> {
  return syncSources(sources, app.ingestDeps(), { full: flags.full, allowMassDelete: flags.allowMassDelete }, progressReport(io, terminal));
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
      options: {
        all: { type: 'boolean', default: false },
        full: { type: 'boolean', default: false },
        'allow-mass-delete': { type: 'boolean', default: false },
      },
    });
    if (values.all === positionals.length > 0) throw new ConfigError('sync: name the sources to sync, or --all (not both)');
    const flags: SyncFlags = { full: values.full ?? false, allowMassDelete: values['allow-mass-delete'] ?? false };
    const terminal = Boolean(process.stderr.isTTY);
    const home = tongyuanHome(io.env);
    const connection = connectToStack(home, io.env);
    let stopStack: (() => Promise<void>) | undefined;
    let drain: ((timeoutMs: number) => Promise<void>) | undefined;
    let app: Composition;
    if (connection.kind === 'none') {
      io.say(`no running stack on ${home}: starting the embedded stack for this sync`);
      const { startStack } = await import('../../local/stack.js');
      const stack = await startStack(home, io.env);
      stopStack = () => stack.stop();
      drain = (timeoutMs) => stack.runtime.drain(timeoutMs);
      app = stack.app;
    } else {
      if (connection.kind === 'running-stack') io.say(`syncing into the running stack (pid ${connection.pid}); it normalizes what arrives`);
      app = connection.app;
    }
    try {
      const known = await app.catalog();
      const targets = values.all ? known.sources : positionals.map((id) => known.source(id));
      const outcome = await syncAll(app, targets, flags, io, terminal);
      const { results } = outcome;
      const failed = failedList(outcome);
      if (drain) {
        io.say('waiting for normalize to settle…');
        await drain(15 * 60_000);
      }
      const pulled = results.reduce((n, r) => n + r.pulled, 0);
      const deleted = results.reduce((n, r) => n + r.deleted, 0);
      if (terminal) {
        io.say(`${results.length} synced, ${failed.length} failed: ${pulled} records pulled, ${deleted} deleted`);
        for (const f of failed) io.say(`  ${f.source}${f.file ? ` ${f.file} (${f.disposition})` : ''}: ${f.reason.zh} / ${f.reason.en}`);
      } else io.out(JSON.stringify({ event: 'summary', synced: results.length, failed, pulled, deleted }));
      return failed.length === 0 ? 0 : 1;
    } finally {
      await stopStack?.();
    }
  },
};
