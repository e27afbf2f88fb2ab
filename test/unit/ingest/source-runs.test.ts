import { describe, expect, it } from 'vitest';
import type { RunState, SourceRuns } from '../../../src/ports/index.js';
import { completeRunIfDone, type RunCompletionDeps } from '../../../src/runs/run-completion.js';
import { RunMessageSender } from '../../../src/runs/run-messages.js';
import { runOf, parseNormalizeMessage } from '../../../src/normalize/request.js';

/** The ledger's semantics in memory: a number set per run, a completion claimed once. */
type RunItem = { sealed: boolean; expected: number; done: Set<number>; completed: boolean; changed: boolean };

function memoryRuns(): SourceRuns & { readonly items: Map<string, RunItem> } {
  const items = new Map<string, RunItem>();
  const item = (runId: string) =>
    items.get(runId) ?? items.set(runId, { sealed: false, expected: 0, done: new Set(), completed: false, changed: false }).get(runId)!;
  const state = (runId: string): RunState => {
    const i = item(runId);
    return { sealed: i.sealed, expected: i.expected, done: i.done.size, completed: i.completed, changed: i.changed };
  };
  return {
    items,
    open: async (_, runId) => void item(runId),
    seal: async (_, runId, expected) => (Object.assign(item(runId), { sealed: true, expected }), state(runId)),
    done: async (_, runId, seq, _at, changed = true) => (item(runId).done.add(seq), (item(runId).changed ||= changed), state(runId)),
    claimCompletion: async (_, runId) => !item(runId).completed && (item(runId).completed = true),
    inFlight: async () => [...items.values()].some((i) => !i.completed),
  };
}

function deps(runs: SourceRuns) {
  const sent: string[] = [];
  const completion: RunCompletionDeps = {
    runs,
    publishQueue: { send: async (bodies) => void sent.push(...bodies) },
    datasetsOf: () => ['decisions', 'penalties'],
    clock: { now: () => new Date('2026-11-27T00:00:00Z') },
  };
  return { sent, completion };
}

describe('a source run', () => {
  it('numbers its raw-batch and tombstones messages and counts them; other messages pass untouched', async () => {
    const bodies: string[] = [];
    const run = new RunMessageSender({ send: async (b) => void bodies.push(...b) }, 'r1');
    await run.send([JSON.stringify({ kind: 'raw-batch', sourceId: 's', rawKey: 'k', itemCount: 1, pulledAt: 'x' })]);
    await run.send([JSON.stringify({ kind: 'tombstones', sourceId: 's', sourceKeys: ['a'], reason: 'flagged', observedAt: 'x' }), '{"kind":"other"}']);
    expect(run.sent).toBe(2);
    expect(bodies.slice(0, 2).map((b) => runOf(parseNormalizeMessage(b)))).toEqual([
      { runId: 'r1', runSeq: 1 },
      { runId: 'r1', runSeq: 2 },
    ]);
    expect(bodies[2]).toBe('{"kind":"other"}');
  });

  it('is completed by whoever finishes it, once: the last message normalized after the seal', async () => {
    const runs = memoryRuns();
    const { sent, completion } = deps(runs);
    await runs.open('s', 'r1', new Date());
    expect(await completeRunIfDone('s', 'r1', await runs.done('s', 'r1', 1, new Date()), completion)).toBe(false);
    expect(await completeRunIfDone('s', 'r1', await runs.seal('s', 'r1', 2, new Date()), completion)).toBe(false);
    // A redelivered message counts once.
    expect(await completeRunIfDone('s', 'r1', await runs.done('s', 'r1', 1, new Date()), completion)).toBe(false);
    expect(await completeRunIfDone('s', 'r1', await runs.done('s', 'r1', 2, new Date()), completion)).toBe(true);
    expect(sent.map((b) => JSON.parse(b) as unknown)).toEqual([
      { kind: 'publish-dataset', datasetId: 'decisions', requestedAt: '2026-11-27T00:00:00.000Z', trigger: 'run-complete', runId: 'r1' },
      { kind: 'publish-dataset', datasetId: 'penalties', requestedAt: '2026-11-27T00:00:00.000Z', trigger: 'run-complete', runId: 'r1' },
    ]);
    // A late redelivery finds the run completed: no second set of requests.
    expect(await completeRunIfDone('s', 'r1', await runs.done('s', 'r1', 2, new Date()), completion)).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('is completed by the seal when everything was normalized before, and asks for nothing when it sent nothing', async () => {
    const runs = memoryRuns();
    const { sent, completion } = deps(runs);
    await runs.done('s', 'r1', 1, new Date());
    expect(await completeRunIfDone('s', 'r1', await runs.seal('s', 'r1', 1, new Date()), completion)).toBe(true);
    expect(sent).toHaveLength(2);
    expect(await completeRunIfDone('s', 'r2', await runs.seal('s', 'r2', 0, new Date()), completion)).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('asks for no release when none of its messages changed records or quarantine (an unchanged re-sync)', async () => {
    const runs = memoryRuns();
    const { sent, completion } = deps(runs);
    await runs.done('s', 'r1', 1, new Date(), false);
    await runs.done('s', 'r1', 2, new Date(), false);
    expect(await completeRunIfDone('s', 'r1', await runs.seal('s', 'r1', 2, new Date()), completion)).toBe(true);
    expect(sent).toHaveLength(0);
    await runs.done('s', 'r2', 1, new Date(), false);
    await runs.done('s', 'r2', 2, new Date(), true);
    expect(await completeRunIfDone('s', 'r2', await runs.seal('s', 'r2', 2, new Date()), completion)).toBe(true);
    expect(sent).toHaveLength(2);
  });
});
