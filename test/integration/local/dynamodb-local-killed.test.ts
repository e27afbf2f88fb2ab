import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePenalties } from '../../../demo/enforcement/generate.js';
import { DEMO_SEED, demoAsOf } from '../../../demo/departments.js';
import { streamFailureQueueId } from '../../../src/local/runtime/stream-failure-queues.js';
import { startStack, type EmbeddedStack } from '../../../src/local/stack.js';
import { processAlive } from '../../../src/util/process-alive.js';
import { drainQueue } from '../../support/queues.js';
import { countSsotItems } from '../../support/ssot.js';
import { onlySources } from '../../support/sources-dir.js';

const RECORDS = 600;
/** The demo subscriber of the enforcement feed with no filter: one event per stored decision. */
const SUPERVISION_QUEUE = 'feed-zhejiang-enforcement-supervision';

const javaPid = (home: string) => Number(readFileSync(join(home, 'dynamodb', 'java.pid'), 'utf8').trim());

describe('DynamoDB Local killed while the pipeline works', () => {
  // A state directory of its own; every emulator port is chosen free at start.
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-dep-outage-'));
  let stack: EmbeddedStack | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('is restarted, the mappings carry on by themselves, each change of state is said once, and nothing is lost', { timeout: 420_000 }, async () => {
    const env = { ...process.env, TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_DEMO_RECORDS: String(RECORDS), ...onlySources('demo-enforcement') };
    const expected = generatePenalties({ count: RECORDS, seed: DEMO_SEED, asOf: demoAsOf(env) });
    const valid = RECORDS - expected.defective.size;
    const lines: string[] = [];
    stack = await startStack(home, env, { say: (line) => lines.push(line) });
    const running = stack;
    const firstJava = javaPid(home);

    const cycle = running.runCycle(330_000);
    // Kill once the route function has published events: normalize, the stream mapping and route all have work in flight.
    const deadline = Date.now() + 180_000;
    while (running.counter.snsMessages < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(running.counter.snsMessages).toBeGreaterThanOrEqual(40);
    process.kill(firstJava, 'SIGKILL');
    await cycle;

    // Restarted on the same database: a new JVM, and the cycle settled with no one's help.
    const secondJava = javaPid(home);
    expect(secondJava).not.toBe(firstJava);
    expect(processAlive(secondJava)).toBe(true);
    const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;
    expect(count(/^DynamoDB Local stopped \(exit .*\); restarting$/), lines.join('\n')).toBe(1);
    expect(count(/^DynamoDB Local is back$/), lines.join('\n')).toBe(1);
    expect(count(/^DynamoDB Local is unreachable /), lines.join('\n')).toBe(1);
    expect(count(/^DynamoDB Local is still unreachable /), lines.join('\n')).toBeLessThanOrEqual(1);
    expect(count(/^DynamoDB Local is reachable again /), lines.join('\n')).toBe(1);
    expect(lines.at(-1), lines.join('\n')).toMatch(/^DynamoDB Local is (back|reachable again )/);

    // Nothing lost: every valid decision stored once, every version routed to the feed once, none set aside.
    expect(await countSsotItems(running.app)).toEqual({ current: valid, versions: valid, maxVersion: 1 });
    expect(await running.app.quarantineStore().list('demo-enforcement')).toHaveLength(expected.defective.size);
    const events = (await drainQueue(running.app.clients.sqs, running.provisioned.queueUrls.get(SUPERVISION_QUEUE)!)).map(
      (m) => JSON.parse(m.Body!) as { id: string },
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(valid);
    expect(running.runtime.setAside).toBe(0);
    expect(await drainQueue(running.app.clients.sqs, running.provisioned.queueUrls.get(streamFailureQueueId('route', 'records'))!)).toEqual([]);
    expect(await drainQueue(running.app.clients.sqs, running.provisioned.queueUrls.get('normalize-dlq')!)).toEqual([]);
  });
});
