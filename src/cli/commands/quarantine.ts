import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Composition } from '../../app/composition.js';
import { ConfigError } from '../../config/catalog.js';
import { conflictTable } from '../../quarantine/conflict-view.js';
import { kindOf } from '../../quarantine/entry.js';
import { replayQuarantine } from '../../quarantine/replay.js';
import { quarantineReport } from '../../quarantine/report.js';
import { reportCsv, reportXlsx } from '../../quarantine/report-files.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

async function sourceNamed(app: Composition, id: string | undefined) {
  if (!id) throw new ConfigError('name a source (see `tongyuan sources list`)');
  return (await app.catalog()).source(id);
}

export const quarantineListCommand: CliCommand = {
  path: ['quarantine', 'list'],
  usage: 'quarantine list [<source>]',
  summary: "count quarantined rows per source (identity conflicts apart), or list one source's rows with their first error",
  async run(args, io) {
    const app = connectToRunningStack(io.env);
    const store = app.quarantineStore();
    if (args.length === 0) {
      for (const source of (await app.catalog()).sources) {
        const conflicts = await store.count(source.id, 'identity-conflict');
        io.out(`${source.id}\t${await store.count(source.id)}${conflicts > 0 ? `\t身份冲突 identity conflicts: ${conflicts}` : ''}`);
      }
      return 0;
    }
    const source = await sourceNamed(app, args[0]);
    for (const entry of await store.list(source.id)) {
      const first = entry.errors[0];
      const more = (entry.errorCount ?? entry.errors.length) - 1;
      io.out(`${entry.sourceKey}\t${first?.path ?? ''}\t${first?.messageZh ?? ''}${more > 0 ? `（另有 ${more} 项）` : ''}`);
    }
    return 0;
  },
};

export const quarantineShowCommand: CliCommand = {
  path: ['quarantine', 'show'],
  usage: 'quarantine show <source> <source-key>',
  summary: 'one quarantined row: every error (zh/en), the raw locator and the row as the source sent it; an identity conflict: both sides side by side',
  async run(args, io) {
    const app = connectToRunningStack(io.env);
    const source = await sourceNamed(app, args[0]);
    if (!args[1]) throw new ConfigError('name the row by its source key (see `tongyuan quarantine list <source>`)');
    const entry = await app.quarantineStore().get(source.id, args[1]);
    if (!entry) {
      io.say(`source ${source.id} has no quarantined row ${args[1]}`);
      return 1;
    }
    if (kindOf(entry) === 'identity-conflict' && entry.conflict) {
      io.say(`identity conflict of ${entry.recordType} ${entry.conflict.recordId}: nothing merged or published until a source corrects or withdraws its row`);
      for (const line of conflictTable(entry.conflict)) io.out(line);
      return 0;
    }
    const raw = entry.raw === '' ? null : (JSON.parse(entry.raw) as unknown);
    io.out(JSON.stringify({ ...entry, raw }, null, 2));
    return 0;
  },
};

export const quarantineReplayCommand: CliCommand = {
  path: ['quarantine', 'replay'],
  usage: 'quarantine replay <source> [--key <source-key>]...',
  summary: 'after a mapping or schema fix: re-read quarantined rows from the raw zone; what passes goes to the SSOT',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { key: { type: 'string', multiple: true } } });
    const app = connectToRunningStack(io.env);
    const source = await sourceNamed(app, positionals[0]);
    const outcome = await replayQuarantine(
      source,
      { ...app.normalizeDeps(await app.catalog()), quarantine: app.quarantineStore() },
      values.key ? { sourceKeys: values.key } : {},
    );
    io.out(JSON.stringify({ sourceId: source.id, ...outcome }));
    return outcome.notReplayable.length > 0 ? 1 : 0;
  },
};

export const quarantineReportCommand: CliCommand = {
  path: ['quarantine', 'report'],
  usage: 'quarantine report <source> [--out <dir>]',
  summary: "a report for the department's data steward: counts by reason with examples, every row (CSV and XLSX)",
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { out: { type: 'string', default: '.' } } });
    const app = connectToRunningStack(io.env);
    const source = await sourceNamed(app, positionals[0]);
    const report = quarantineReport(source.id, await app.quarantineStore().list(source.id));
    const dir = values.out ?? '.';
    await mkdir(dir, { recursive: true });
    const csv = reportCsv(report);
    const files = {
      [join(dir, `${source.id}-quarantine-summary.csv`)]: csv.summary,
      [join(dir, `${source.id}-quarantine-details.csv`)]: csv.details,
      [join(dir, `${source.id}-quarantine.xlsx`)]: await reportXlsx(report),
    };
    for (const [file, content] of Object.entries(files)) await writeFile(file, content);
    io.say(`${source.id}: ${report.entries} quarantined row(s) (${report.conflicts} identity conflict(s)), ${report.summary.length} reason(s)`);
    for (const file of Object.keys(files)) io.out(file);
    return 0;
  },
};
