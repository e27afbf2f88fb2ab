import { ConfigError, loadSourceFile, loadSources } from '../../config/catalog.js';
import { loadRuntimeConfig } from '../../config/runtime-config.js';
import { mappingNamed } from '../../mapping/registry.js';
import { recordTypeNamed } from '../../records/registry.js';
import type { CliCommand } from '../command.js';

export const sourcesListCommand: CliCommand = {
  path: ['sources', 'list'],
  usage: 'sources list',
  summary: 'list the configured departmental sources',
  async run(_args, io) {
    for (const s of await loadSources(loadRuntimeConfig(io.env).catalogDirs.sources)) {
      const every = s.schedule ? `every ${s.schedule.everyMinutes}m` : 'on demand';
      io.out(`${s.id}\t${s.kind}\t${s.recordType}\t${every}\t${s.title}`);
    }
    return 0;
  },
};

/** Names the configuration refers to that this build does not know. */
function unknownNames(recordType: string, mapping: string): string[] {
  const problems: string[] = [];
  for (const [path, check] of [
    ['/recordType', () => recordTypeNamed(recordType)],
    ['/mapping', () => mappingNamed(mapping)],
  ] as const) {
    try {
      check();
    } catch (error) {
      problems.push(`${path}: ${(error as Error).message}`);
    }
  }
  return problems;
}

export const sourcesCheckCommand: CliCommand = {
  path: ['sources', 'check'],
  usage: 'sources check <file…>',
  summary: 'validate source configuration files; each problem names the file, the path and what is wrong',
  async run(args, io) {
    if (args.length === 0) throw new ConfigError('sources check: name at least one source file');
    let failed = 0;
    for (const file of args) {
      try {
        const source = await loadSourceFile(file);
        const problems = unknownNames(source.recordType, source.mapping);
        if (problems.length > 0) throw new ConfigError(`${file}: invalid source:\n  ${problems.join('\n  ')}`);
        io.out(`ok\t${file}\t${source.id}\t${source.kind} → ${source.recordType}`);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        failed += 1;
        io.say(error.message);
      }
    }
    return failed === 0 ? 0 : 1;
  },
};
