import type { ChaosReport } from './harness.js';
import type { PointOutcome } from './steps.js';

function momentOf(outcome: PointOutcome): string {
  const p = outcome.point;
  return p.kind === 'department' ? `${p.list} @${p.skip} ×${p.count}` : `${p.stage} +${p.delayMs}ms`;
}

function kindOf(outcome: PointOutcome): string {
  const p = outcome.point;
  return p.kind === 'department' ? `department-${p.mode}` : p.kind;
}

/** One line per fault point. */
export function pointLine(seed: number, o: PointOutcome): string {
  const recovered = !o.injected ? '-' : o.recovered ? 'yes' : 'no';
  const seconds = o.seconds === undefined ? '-' : o.seconds.toFixed(1);
  return `point ${o.point.id.padEnd(18)} seed=${seed} step=${String(o.step).padEnd(3)} ${kindOf(o).padEnd(20)} ${momentOf(o).padEnd(20)} injected=${o.injected ? 'yes' : 'no '} recovered=${recovered.padEnd(3)} s=${seconds.padStart(6)}  ${o.note}`;
}

/** Every invariant holds, enough points were injected, and every injected point recovered but the allowed ones. */
export function verdict(report: ChaosReport, wanted: number): { ok: boolean; reasons: string[] } {
  const reasons: string[] = [];
  for (const i of report.invariants) if (!i.holds) reasons.push(`invariant violated: ${i.name}`);
  const injected = report.outcomes.filter((o) => o.injected);
  if (injected.length < wanted) reasons.push(`only ${injected.length} of ${wanted} fault points injected`);
  if (report.duplicates.accepted > 0) reasons.push(`${report.duplicates.accepted} duplicate(s) accepted after dedupe`);
  return { ok: reasons.length === 0, reasons };
}

/** The report: the seed first, one line per fault point, one per invariant, the duplicates, a tally. */
export function formatReport(report: ChaosReport, wanted: number): string {
  const lines = [
    `chaos seed=${report.seed} (replay: CHAOS_SEED=${report.seed} npm run chaos)`,
    `workload: ${report.records} penalties and ${Math.max(10, Math.round(report.records / 2))} licences from the demo law-enforcement platform; ${report.steps} fault runs, fault runs stopped by ${report.stoppedBy}, final settle in ${report.settleRuns} run(s)`,
  ];
  lines.push('note: the queue emulator (fauxqs, SQS/SNS/S3) runs inside the runtime process: every runtime kill -9 kills it too');
  for (const o of report.outcomes) lines.push(pointLine(report.seed, o));
  for (const i of report.invariants) {
    lines.push(`invariant ${i.holds ? 'holds   ' : 'VIOLATED'} ${i.name}: ${i.detail}`);
    for (const example of i.examples) lines.push(`    e.g. ${example}`);
  }
  lines.push(`duplicates: ${report.duplicates.received} received before dedupe, ${report.duplicates.accepted} accepted after`);
  const injected = report.outcomes.filter((o) => o.injected);
  const byKind = new Map<string, { n: number; recovered: number }>();
  for (const o of injected) {
    const tally = byKind.get(kindOf(o)) ?? { n: 0, recovered: 0 };
    tally.n += 1;
    if (o.recovered) tally.recovered += 1;
    byKind.set(kindOf(o), tally);
  }
  lines.push(
    `points: ${injected.length} injected of ${report.outcomes.length} planned (${[...byKind].map(([k, t]) => `${k} ${t.recovered}/${t.n} recovered`).join(', ')})`,
  );
  const { ok, reasons } = verdict(report, wanted);
  lines.push(`${ok ? 'PASS' : 'FAIL'} in ${report.seconds.toFixed(0)} s${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`);
  return lines.join('\n');
}
