import iconv from 'iconv-lite';
import { SGS_CSV_HEADERS } from '../../mapping/demo-sgs-csv.js';
import type { DemoPenalty } from '../enforcement/generate.js';

const quoted = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The 双公示 list as market regulation exports it: GBK, Chinese headers, CRLF. */
export function sgsCsvBytes(records: readonly DemoPenalty[]): Uint8Array {
  const fields = Object.keys(SGS_CSV_HEADERS) as (keyof DemoPenalty)[];
  const lines = [fields.map((f) => SGS_CSV_HEADERS[f]!).join(',')];
  for (const record of records) lines.push(fields.map((f) => quoted(String(record[f] ?? ''))).join(','));
  return new Uint8Array(iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
}
