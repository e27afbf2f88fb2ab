import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/catalog.js';
import { qualityReport, qualityRules, type QualityReport } from '../../records/quality.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

export const qualityCommand: CliCommand = {
  path: ['quality'],
  usage: 'quality [--record-type <type>] [--json]',
  summary:
    'rules the stored records break without being invalid (a 规范性文件 without 统一登记编号 or 备案, 施行 too early, validity too long; a 重大行政决策 consulted under 30 days without a reason, or carried out unpublished); a table on a terminal, JSON otherwise',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { 'record-type': { type: 'string' }, json: { type: 'boolean', default: false } } });
    const known = Object.keys(qualityRules);
    const requested = values['record-type'];
    if (requested !== undefined && !known.includes(requested)) {
      throw new ConfigError(`quality: no quality rules for record type ${requested}; record types with rules: ${known.join(', ')}`);
    }
    const store = connectToRunningStack(io.env).recordStore();
    const reports: Record<string, QualityReport> = {};
    for (const recordType of requested ? [requested] : known) reports[recordType] = await qualityReport(recordType, store.listCurrent(recordType));
    if (values.json || !process.stdout.isTTY) {
      io.out(JSON.stringify(reports));
      return 0;
    }
    io.out(['record type', 'record', 'field', 'finding', '说明', '依据'].join('\t'));
    for (const report of Object.values(reports)) {
      for (const f of report.findings) io.out([f.recordType, f.recordId, f.field, f.code, f.message, f.source].join('\t'));
    }
    for (const [recordType, report] of Object.entries(reports)) {
      const codes = Object.entries(report.byCode).map(([code, n]) => `${code} ${n}`);
      io.say(`${recordType}: ${report.withFindings} of ${report.records} records with findings${codes.length ? ` (${codes.join(', ')})` : ''}`);
    }
    return 0;
  },
};
