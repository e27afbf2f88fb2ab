import { loadSources } from '../../config/catalog.js';
import type { CliCommand } from '../command.js';

export const sourcesListCommand: CliCommand = {
  path: ['sources', 'list'],
  usage: 'sources list',
  summary: 'list the configured departmental sources',
  async run(_args, io) {
    for (const s of await loadSources()) io.out(`${s.id}\t${s.kind}\t${s.recordType}\t${s.title}`);
    return 0;
  },
};
