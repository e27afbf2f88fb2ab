/**
 * The cost benchmark's printout: the summary beside the targets, then the detail
 * per 1,000 records (requests by stage and operation, DynamoDB units by table, Lambda
 * invocations). Pure: measures and prices in, lines out.
 */
import type { LedgerEntry } from '../../src/aws/request-ledger.js';
import { PRICES_AS_OF } from './prices.js';
import { isLocalOnly, perThousand, stageOf, STAGES, type ScenarioMeasure, type ScenarioSummary, type Service, type StageMap } from './pricing.js';
import { figure, formatTable } from './table.js';

/** Issue 12's targets. */
export const TARGETS = { newUsdPerMillion: 2.5, unchangedUsdPerMillion: 0.25, newWriteUnitsPerRecord: 4 } as const;

const SERVICES: readonly Service[] = ['DynamoDB', 'S3', 'SQS', 'SNS', 'Lambda'];
const money = (usd: number) => (usd === 0 ? '-' : `$${usd.toFixed(usd < 0.1 ? 3 : 2)}`);
const verdict = (value: number, target: number) => `${value <= target ? 'met' : 'missed'} (≤ ${target})`;

export function summaryTable(summaries: readonly ScenarioSummary[]): string[] {
  const [fresh, , unchanged] = summaries;
  const target = (name: string) =>
    name === fresh?.name ? `≤ $${TARGETS.newUsdPerMillion.toFixed(2)}` : name === unchanged?.name ? `≤ $${TARGETS.unchangedUsdPerMillion.toFixed(2)}` : '';
  const row = (label: string, cell: (s: ScenarioSummary) => string, targetCell = '') => [label, ...summaries.map(cell), targetCell];
  const rows = [
    row('records pulled', (s) => String(s.records)),
    row('$ per million records', (s) => money(s.usdPerMillion), `new ${target(fresh?.name ?? '')}, unchanged ${target(unchanged?.name ?? '')}`),
    ...STAGES.map((stage) => row(`  stage ${stage}`, (s) => money(s.byStage.get(stage) ?? 0))),
    ...SERVICES.map((service) => row(`  service ${service}`, (s) => money(s.byService.get(service) ?? 0))),
    row('Lambda compute, local durations', (s) => money(s.computeUsdPerMillion), 'upper bound, not in the total'),
    row('DynamoDB write units per record', (s) => s.writeUnitsPerRecord.toFixed(2), `new ≤ ${TARGETS.newWriteUnitsPerRecord}`),
    row('DynamoDB read units per record', (s) => s.readUnitsPerRecord.toFixed(2)),
  ];
  const lines = [
    `$ per million source records at us-east-1 on-demand list prices of ${PRICES_AS_OF} (bench/cost/prices.ts)`,
    ...formatTable(['', ...summaries.map((s) => s.name), 'target'], rows),
  ];
  if (fresh) {
    lines.push(
      `target new: ${verdict(fresh.usdPerMillion, TARGETS.newUsdPerMillion)}; write units per new record: ${verdict(fresh.writeUnitsPerRecord, TARGETS.newWriteUnitsPerRecord)}`,
    );
  }
  if (unchanged) lines.push(`target unchanged: ${verdict(unchanged.usdPerMillion, TARGETS.unchangedUsdPerMillion)}`);
  return lines;
}

type DetailCell = (entries: readonly LedgerEntry[], records: number) => string;

function detailTable(measures: readonly ScenarioMeasure[], keyOf: (e: LedgerEntry) => string | undefined, cell: DetailCell): string[][] {
  const groups = new Map<string, Map<string, LedgerEntry[]>>();
  for (const m of measures) {
    for (const e of m.ledger) {
      const key = keyOf(e);
      if (key === undefined) continue;
      const byScenario = groups.get(key) ?? new Map<string, LedgerEntry[]>();
      byScenario.set(m.name, [...(byScenario.get(m.name) ?? []), e]);
      groups.set(key, byScenario);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, byScenario]) => [key, ...measures.map((m) => cell(byScenario.get(m.name) ?? [], m.records))]);
}

export function detailTables(measures: readonly ScenarioMeasure[], stages: StageMap): string[] {
  const names = measures.map((m) => m.name);
  const sum = (entries: readonly LedgerEntry[], pick: (e: LedgerEntry) => number) => entries.reduce((n, e) => n + pick(e), 0);
  const requests = detailTable(
    measures,
    (e) => `${isLocalOnly(e) ? 'local only' : stageOf(e, stages)}  ${e.service}.${e.operation} ${e.resource}`,
    (entries, records) => {
      const n = perThousand(
        sum(entries, (e) => e.requests),
        records,
      );
      const billed = perThousand(
        sum(entries, (e) => e.billedRequests),
        records,
      );
      return n === 0 ? '-' : billed > n + 0.05 ? `${figure(n)} [${figure(billed)}]` : figure(n);
    },
  );
  const units = detailTable(
    measures,
    (e) => (e.service === 'dynamodb' && e.readUnits + e.writeUnits > 0 ? `${stageOf(e, stages)}  ${e.resource}` : undefined),
    (entries, records) =>
      `${figure(
        perThousand(
          sum(entries, (e) => e.writeUnits),
          records,
        ),
      )} / ${figure(
        perThousand(
          sum(entries, (e) => e.readUnits),
          records,
        ),
      )}`,
  );
  const invocations = measures.flatMap((m) => m.invocations.map((i) => i.functionName));
  const invocationRows = [...new Set(invocations)].sort().map((fn) => [
    fn,
    ...measures.map((m) => {
      const tally = m.invocations.find((i) => i.functionName === fn);
      return tally ? `${figure(perThousand(tally.count, m.records))} / ${figure(perThousand(tally.gbSeconds, m.records), 2)}` : '-';
    }),
  ]);
  const deliveries = [...new Set(measures.flatMap((m) => m.deliveries.map((d) => d.queue)))]
    .sort()
    .map((queue) => [queue, ...measures.map((m) => figure(perThousand(m.deliveries.find((d) => d.queue === queue)?.messages ?? 0, m.records)))]);
  return [
    '',
    'AWS requests per 1,000 records by stage, operation and resource ([billed requests] where 64 KB chunks add to them)',
    ...formatTable(['', ...names], requests),
    '',
    'DynamoDB write / read units per 1,000 records by table (AWS rules, src/aws/capacity-estimate.ts)',
    ...formatTable(['', ...names], units),
    '',
    'Lambda invocations / GB-seconds (local durations) per 1,000 records',
    ...formatTable(['', ...names], invocationRows),
    '',
    'SNS deliveries into subscriber queues per 1,000 records',
    ...formatTable(['', ...names], deliveries),
  ];
}
