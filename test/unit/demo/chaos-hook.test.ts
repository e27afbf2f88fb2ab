import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePenalties } from '../../../demo/enforcement/generate.js';
import { startDemoEnforcementApi, type DemoEnforcementApi } from '../../../demo/enforcement/server.js';
import { chaosMiddleware, faultAt, type ChaosControl, type ServedFault } from '../../../demo/shared/chaos-hook.js';
import { FaultPlan, STAGES } from '../../chaos/plan.js';
import { Prng } from '../../chaos/prng.js';

const { records } = generatePenalties({ count: 50, seed: 20261127 });

describe('the demo department under the fault harness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-chaos-hook-'));
  const control: ChaosControl = {
    edits: [],
    hangMs: 300,
    log: join(dir, 'served.jsonl'),
    faults: [
      { id: 'p-429', mode: '429', path: '/api/v1/penalties', skip: 0, count: 1 },
      { id: 'p-500', mode: '500', path: '/api/v1/penalties', skip: 1, count: 1 },
      { id: 'p-cut', mode: 'truncated', path: '/api/v1/penalties', skip: 2, count: 1 },
      { id: 'p-hang', mode: 'hang', path: '/api/v1/penalties', skip: 3, count: 1 },
    ],
  };
  let api: DemoEnforcementApi;
  beforeAll(async () => {
    api = await startDemoEnforcementApi({ records, listMiddleware: chaosMiddleware(control) });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the requests in each window badly, in order, logs each, then answers normally', async () => {
    const get = () => fetch(`${api.url}/api/v1/penalties?limit=5`, { signal: AbortSignal.timeout(2000) });
    const limited = await get();
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    expect((await get()).status).toBe(500);
    const cut = await get();
    expect(cut.status).toBe(200);
    const text = await cut.text();
    expect(() => void JSON.parse(text)).toThrow();
    const hangStarted = Date.now();
    expect((await get()).status).toBe(504);
    expect(Date.now() - hangStarted).toBeGreaterThanOrEqual(control.hangMs - 20);
    const normal = await get();
    expect(normal.status).toBe(200);
    expect(((await normal.json()) as { data: unknown[] }).data).toHaveLength(5);
    const served = readFileSync(control.log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ServedFault);
    expect(served.map((s) => [s.id, s.request])).toEqual([
      ['p-429', 0],
      ['p-500', 1],
      ['p-cut', 2],
      ['p-hang', 3],
    ]);
  });

  it('leaves the licences alone while the penalties are faulted', async () => {
    expect((await fetch(`${api.url}/api/v1/licenses`)).status).toBe(200);
    expect(faultAt(control.faults, '/api/v1/licenses', 0)).toBeUndefined();
  });
});

describe('the fault plan', () => {
  const options = { editable: records.map((r) => r.id), dynamoEvery: 10 };
  const draw = (seed: number) => {
    const plan = new FaultPlan(new Prng(seed), options);
    return Array.from({ length: 30 }, (_, i) => plan.nextStep(i + 1));
  };

  it('is the same for the same seed and differs for another', () => {
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
  });

  it('kills the runtime in every stage in turn and DynamoDB Local every tenth step', () => {
    const points = draw(11).flatMap((s) => s.points.map((p) => ({ step: s.index, p })));
    const kills = points.filter(({ p }) => p.kind === 'runtime-kill').map(({ p }) => (p.kind === 'runtime-kill' ? p.stage : undefined));
    expect(new Set(kills)).toEqual(new Set(STAGES));
    const dynamoSteps = points.filter(({ p }) => p.kind === 'dynamodb-kill').map(({ step }) => step);
    expect(dynamoSteps.length).toBeGreaterThan(0);
    expect(dynamoSteps.every((step) => step % 10 === 0)).toBe(true);
  });
});
