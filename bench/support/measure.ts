export interface Measured<T> {
  readonly value: T;
  readonly wallMs: number;
  /** CPU of this process (user + system). */
  readonly cpuMs: number;
  /** Highest resident set size sampled while it ran. */
  readonly peakRssMb: number;
  /** Resident set size when it started: the peak minus this is what the work itself held. */
  readonly startRssMb: number;
}

/** Runs `work`, timing wall clock and this process's CPU, sampling RSS every 25 ms. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 25);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await work();
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, wallMs, cpuMs: (used.user + used.system) / 1000, peakRssMb: peak / 2 ** 20, startRssMb: start / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

export const perSecond = (n: number, ms: number): string => ((n / ms) * 1000).toFixed(0);
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}x`;

/** AWS requests per 1,000 records, total and by operation. */
export function requestsPerThousand(requests: ReadonlyMap<string, number>, records: number): string[] {
  const total = [...requests.values()].reduce((a, b) => a + b, 0);
  const per = (n: number) => (records > 0 ? ((n / records) * 1000).toFixed(2) : 'n/a');
  return [
    `AWS requests per 1,000 records   ${per(total)} (${total} requests)`,
    ...[...requests.entries()].sort((a, b) => b[1] - a[1]).map(([op, n]) => `  ${op.padEnd(30)} ${per(n)}`),
  ];
}
