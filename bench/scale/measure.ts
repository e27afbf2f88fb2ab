import { existsSync, readFileSync } from 'node:fs';

/** What one size of the scale run measured. */
export interface ScaleResult {
  readonly records: number;
  readonly pulled: number;
  readonly stored: number;
  readonly quarantined: number;
  readonly releases: number;
  readonly events: number;
  /** One cycle, from the sync's start until everything downstream settled. */
  readonly wallMs: number;
  /** CPU of the stack's own process (DynamoDB Local's JVM not counted). */
  readonly cpuMs: number;
  /** The same pages read from the department's API plus a JSON round trip of every item. */
  readonly floorMs: number;
  /** Highest resident set size of the stack's process, sampled every 500 ms. */
  readonly peakRssMb: number;
  /** DynamoDB Local's JVM: its kernel-kept high-water mark (VmHWM). */
  readonly dynamoDbPeakRssMb: number;
  /** AWS requests by service.operation. */
  readonly requests: Readonly<Record<string, number>>;
  /** The run summary's counting after the cycle (not in wallMs). */
  readonly summaryMs: number;
  /** Time in AWS requests by operation and in handlers by function, summed over concurrent calls. */
  readonly spans: Readonly<Record<string, { count: number; ms: number; maxMs: number }>>;
}

/** The kernel's high-water mark of a process's resident set (VmHWM), 0 when it is gone or unreadable. */
export function peakRssMb(pidFile: string): number {
  try {
    if (!existsSync(pidFile)) return 0;
    const pid = readFileSync(pidFile, 'utf8').trim();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

const total = (requests: Readonly<Record<string, number>>): number => Object.values(requests).reduce((a, b) => a + b, 0);

/** One row per size, and the growth between consecutive sizes: time's growth against the data's. */
export function scaleTable(results: readonly ScaleResult[]): string[] {
  const lines = ['records   wall s   records/s  vs floor  CPU s   RSS MiB (ours / DynamoDB Local)  requests per 1,000  time growth / size growth'];
  results.forEach((r, i) => {
    const before = results[i - 1];
    const growth = before ? `${(r.wallMs / before.wallMs).toFixed(2)}x / ${(r.records / before.records).toFixed(2)}x` : '';
    lines.push(
      [
        String(r.records).padEnd(9),
        (r.wallMs / 1000).toFixed(1).padStart(6),
        ((r.pulled / r.wallMs) * 1000).toFixed(0).padStart(11),
        `${(r.wallMs / r.floorMs).toFixed(0)}x`.padStart(9),
        (r.cpuMs / 1000).toFixed(1).padStart(7),
        `${r.peakRssMb.toFixed(0)} / ${r.dynamoDbPeakRssMb.toFixed(0)}`.padStart(33),
        ((total(r.requests) / r.pulled) * 1000).toFixed(1).padStart(19),
        growth.padStart(27),
      ].join(' '),
    );
  });
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && last !== first) {
    lines.push(
      `largest / smallest: ${(last.records / first.records).toFixed(0)}x the records in ${(last.wallMs / first.wallMs).toFixed(1)}x the time ` +
        `(linear would be ${(last.records / first.records).toFixed(0)}x)`,
    );
  }
  return lines;
}

/** Requests per 1,000 records by operation, one column per size. */
export function requestTable(results: readonly ScaleResult[]): string[] {
  const operations = [...new Set(results.flatMap((r) => Object.keys(r.requests)))];
  const perThousand = (r: ScaleResult, op: string) => (((r.requests[op] ?? 0) / r.pulled) * 1000).toFixed(1);
  const last = results[results.length - 1]!;
  operations.sort((a, b) => (last.requests[b] ?? 0) - (last.requests[a] ?? 0));
  return [
    `${'requests per 1,000 records'.padEnd(36)} ${results.map((r) => String(r.records).padStart(9)).join(' ')}`,
    ...operations.map((op) => `  ${op.padEnd(34)} ${results.map((r) => perThousand(r, op).padStart(9)).join(' ')}`),
  ];
}

/**
 * Time per record in each request operation and handler, one column per size, largest first:
 * an operation whose figure rises with the size is one that grows faster than the data.
 */
export function spanTable(results: readonly ScaleResult[]): string[] {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.spans)))];
  const last = results[results.length - 1]!;
  names.sort((a, b) => (last.spans[b]?.ms ?? 0) - (last.spans[a]?.ms ?? 0));
  const cell = (r: ScaleResult, name: string) => {
    const span = r.spans[name];
    return (span ? `${((span.ms / r.pulled) * 1000).toFixed(0)} (${(span.ms / span.count).toFixed(1)})` : '-').padStart(17);
  };
  return [
    `${'ms per 1,000 records (ms per call)'.padEnd(36)} ${results.map((r) => String(r.records).padStart(17)).join(' ')}`,
    ...names.slice(0, 30).map((name) => `  ${name.padEnd(34)} ${results.map((r) => cell(r, name)).join(' ')}`),
  ];
}
