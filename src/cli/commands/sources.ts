import { ConfigError, describeFileProblem, loadSourceFile, loadSources, type SourceConfig } from '../../config/catalog.js';
import { describeReferenceProblem, referenceProblems } from '../../config/reference-check.js';
import { loadRuntimeConfig } from '../../config/runtime-config.js';
import { recordTypeNamed } from '../../records/registry.js';
import type { CliCommand } from '../command.js';

export const sourcesListCommand: CliCommand = {
  path: ['sources', 'list'],
  usage: 'sources list',
  summary: 'list the configured departmental sources; an invalid file is reported and fails the command',
  async run(_args, io) {
    const { valid, problems } = await loadSources(loadRuntimeConfig(io.env).catalogDirs.sources);
    for (const s of valid) {
      const every = s.schedule ? `every ${s.schedule.everyMinutes}m` : 'on demand';
      io.out(`${s.id}\t${s.kind}\t${s.recordType}\t${every}\t${s.title}`);
    }
    for (const problem of problems) io.say(describeFileProblem(problem));
    return problems.length === 0 ? 0 : 1;
  },
};

/** Names the configuration refers to that this build does not know: the record type, and target fields it does not have. */
function unknownNames(source: SourceConfig): string[] {
  let properties: Readonly<Record<string, unknown>>;
  try {
    properties = (recordTypeNamed(source.recordType).schema as { properties?: Record<string, unknown> }).properties ?? {};
  } catch (error) {
    return [`/recordType: ${(error as Error).message}`];
  }
  return Object.keys(source.mapping.fields)
    .filter((target) => !Object.hasOwn(properties, target.split('.')[0]!))
    .map((target) => `/mapping/fields/${target}: ${source.recordType} has no field "${target.split('.')[0]}"`);
}

export const sourcesCheckCommand: CliCommand = {
  path: ['sources', 'check'],
  usage: 'sources check <file…>',
  summary:
    'validate source configuration files; each problem names the file, the source, the path and what is wrong (${env:…} references must be set here; ${ssm:…} and ${secret:…} only in credential fields)',
  async run(args, io) {
    if (args.length === 0) throw new ConfigError('sources check: name at least one source file');
    let failed = 0;
    for (const file of args) {
      try {
        const source = await loadSourceFile(file);
        // References resolve against this command's environment, as the functions' resolve against theirs.
        const problems = [...unknownNames(source), ...referenceProblems(source, io.env).map(describeReferenceProblem)];
        if (problems.length > 0) throw new ConfigError(`${file}: invalid source ${source.id}:\n  ${problems.join('\n  ')}`);
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
