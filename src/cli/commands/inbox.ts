import type { Composition } from '../../app/composition.js';
import { ConfigError } from '../../config/catalog.js';
import { listSetAside, rejectHeldFile, releaseHeldFile, type StewardDeps } from '../../ingest/files/set-aside.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

async function sourceNamed(app: Composition, id: string | undefined) {
  if (!id) throw new ConfigError('name a file-drop source (see `tongyuan sources list`)');
  const source = (await app.catalog()).source(id);
  if (source.kind !== 'file-drop') throw new ConfigError(`source ${id} is not a file drop; it has no inbox`);
  return source;
}

function stewardDeps(app: Composition): StewardDeps {
  const { inbox, processed, clock } = app.fileDropDeps();
  return { inbox, processed, clock, quarantine: app.quarantineStore() };
}

function fileArgument(args: readonly string[]): string {
  if (!args[1]) throw new ConfigError('name the file as the department dropped it (see `tongyuan inbox list <source>`)');
  return args[1];
}

export const inboxListCommand: CliCommand = {
  path: ['inbox', 'list'],
  usage: 'inbox list <source>',
  summary:
    "a file-drop source's held and rejected files, one JSON line each: the file, where it lies, the line, why (zh and en), and a release when there was one",
  async run(args, io) {
    const app = connectToRunningStack(io.env);
    const source = await sourceNamed(app, args[0]);
    const files = await listSetAside(source.id, stewardDeps(app));
    for (const f of files)
      io.out(
        JSON.stringify({
          file: f.name,
          disposition: f.disposition,
          key: f.key,
          present: f.present,
          line: f.line,
          reason: f.reason,
          at: f.at,
          ...(f.released ? { released: f.released } : {}),
        }),
      );
    if (files.length === 0) io.say(`source ${source.id} has no held or rejected files`);
    return 0;
  },
};

export const inboxReleaseCommand: CliCommand = {
  path: ['inbox', 'release'],
  usage: 'inbox release <source> <file>',
  summary: "a data steward's decision: put a held file back in the inbox; the next sync takes it past the mass-delete guard, and the release is recorded",
  async run(args, io) {
    const app = connectToRunningStack(io.env);
    const source = await sourceNamed(app, args[0]);
    const released = await releaseHeldFile(source.id, fileArgument(args), stewardDeps(app));
    io.say(`${released.name} is back in the inbox of ${source.id}: the next sync ingests it, deletions included`);
    io.out(JSON.stringify({ source: source.id, file: released.name, released: released.released }));
    return 0;
  },
};

export const inboxRejectCommand: CliCommand = {
  path: ['inbox', 'reject'],
  usage: 'inbox reject <source> <file>',
  summary: 'reject a held file for good: quarantined as rejected and moved to rejected/',
  async run(args, io) {
    const app = connectToRunningStack(io.env);
    const source = await sourceNamed(app, args[0]);
    const rejected = await rejectHeldFile(source.id, fileArgument(args), source.recordType, stewardDeps(app));
    io.out(JSON.stringify({ source: source.id, file: rejected.name, disposition: rejected.disposition, key: rejected.key, reason: rejected.reason }));
    return 0;
  },
};

export const inboxCommands: readonly CliCommand[] = [inboxListCommand, inboxReleaseCommand, inboxRejectCommand];
