import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freeTextColumns } from '../../app/record-type-rules.js';
import { isCalendarDate } from '../../records/formats.js';
import { ConfigError } from '../../config/catalog.js';
import { collectSgsRows } from '../../exchange/sgs-export.js';
import { renderSgsFile, SGS_FORMATS, sgsFileName, type SgsFormat } from '../../exchange/sgs-files.js';
import type { SgsKind } from '../../exchange/sgs-profile.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const isFormat = (value: string): value is SgsFormat => (SGS_FORMATS as readonly string[]).includes(value);

function fromOption(value: string | undefined): string | undefined {
  if (value !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value.replace(/-/g, '')))) {
    throw new ConfigError(`export sgs: --from must be a date YYYY-MM-DD, not ${value}`);
  }
  return value;
}

export const exportSgsCommand: CliCommand = {
  path: ['export', 'sgs'],
  usage: 'export sgs [--from YYYY-MM-DD] [--format national|csv|xlsx] [--out <dir>]',
  summary:
    'the 双公示 exchange files (penalties and licences) in the national standard: field codes, code lists, 万元; only what the datasets would release today; national = CSV headed by field codes, csv = Chinese headers, xlsx = both header rows',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { from: { type: 'string' }, format: { type: 'string', default: 'national' }, out: { type: 'string', default: '.' } },
    });
    const format = values.format ?? 'national';
    if (!isFormat(format)) throw new ConfigError(`export sgs: --format must be one of ${SGS_FORMATS.join(', ')}, not ${format}`);
    const from = fromOption(values.from);
    const app = connectToRunningStack(io.env);
    const rows = await collectSgsRows(
      { records: app.recordStore(), datasets: (await app.catalog()).datasets, freeTextColumns },
      { now: new Date(), ...(from ? { from } : {}) },
    );
    const dir = values.out ?? '.';
    await mkdir(dir, { recursive: true });
    for (const kind of ['penalty', 'license'] as const satisfies readonly SgsKind[]) {
      const file = join(dir, sgsFileName(kind, format));
      await writeFile(file, await renderSgsFile(kind, format, rows[kind]));
      io.out(`${file}\t${rows[kind].length}`);
    }
    return 0;
  },
};
