import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_BACKOFF, isDependencyUnreachable, OutageTracker, type OutageReport } from '../../../src/local/runtime/outage-tracker.js';
import { DependencyGate } from '../../../src/local/runtime/dependency-gate.js';

/** An error as Node's socket layer throws it. */
const socketError = (code: string, message = `connect ${code} 127.0.0.1:8000`) => Object.assign(new Error(message), { code });

/** An error as the AWS SDK v3 throws it once its own retries are spent. */
const sdkError = (name: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} from the service`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 3 },
    ...extra,
  });

describe('isDependencyUnreachable', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET', 'read ECONNRESET')],
    ['a timed-out connection', socketError('ETIMEDOUT')],
    ['a broken pipe', socketError('EPIPE', 'write EPIPE')],
    ['an unreachable host', socketError('EHOSTUNREACH')],
    ['a socket hung up', new Error('socket hang up')],
    ['an SDK request timeout', Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' })],
    ['an abort on a timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'AbortError' })],
    ['a 500 from the emulator', sdkError('InternalServerError', 500)],
    ['a 503 from the emulator', sdkError('ServiceUnavailable', 503)],
    ['an SDK error whose cause was refused', Object.assign(new Error('request failed'), { $metadata: { attempts: 3 }, cause: socketError('ECONNREFUSED') })],
    ['an adapter wrapping an SDK error', new Error('could not store version', { cause: new Error('sent', { cause: socketError('ECONNRESET') }) })],
    [
      'an AggregateError of refused addresses',
      Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }),
    ],
    [
      'a batch whose every record met the outage',
      Object.assign(new Error('All records failed processing'), { recordErrors: [socketError('ECONNREFUSED'), socketError('ECONNRESET')] }),
    ],
  ])('%s is an outage', (_, error) => {
    expect(isDependencyUnreachable(error)).toBe(true);
  });

  it.each([
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'pk')")],
    ['a conditional check that failed', sdkError('ConditionalCheckFailedException', 400)],
    ['a validation error', sdkError('ValidationException', 400)],
    ['an abort we asked for', Object.assign(new Error('Request aborted'), { name: 'AbortError' })],
    [
      'a batch in which one record was bad data',
      Object.assign(new Error('All records failed processing'), { recordErrors: [socketError('ECONNREFUSED'), new Error('bad date')] }),
    ],
    ['not an error at all', 'ECONNREFUSED-looking string'],
    ['nothing', undefined],
  ])('%s is not an outage', (_, error) => {
    expect(isDependencyUnreachable(error)).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from 250 ms and never waits longer than 30 s, however many attempts', () => {
    const ceilings = Array.from({ length: 200 }, (_, i) => backoffMs(i + 1, () => 1));
    expect(ceilings.slice(0, 5)).toEqual([250, 500, 1000, 2000, 4000]);
    expect(Math.max(...ceilings)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(ceilings.at(-1)).toBe(30_000);
    for (let i = 1; i < ceilings.length; i++) expect(ceilings[i]).toBeGreaterThanOrEqual(ceilings[i - 1]!);
  });

  it('is jittered between half its ceiling and its ceiling', () => {
    expect(backoffMs(3, () => 0)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(750);
    expect(backoffMs(100, () => 0)).toBe(15_000);
  });
});

describe('OutageTracker', () => {
  const track = () => {
    let now = 0;
    const reports: OutageReport[] = [];
    const tracker = new OutageTracker({
      dependency: 'DynamoDB Local',
      report: (r) => reports.push(r),
      stillDownAfter: { attempts: 20, ms: 60_000 },
      now: () => now,
      random: () => 1,
    });
    const fail = (times: number) => {
      const waits: number[] = [];
      for (let i = 0; i < times; i++) {
        const wait = tracker.failed(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
        waits.push(wait);
        now += wait;
      }
      return waits;
    };
    return { tracker, reports, fail };
  };

  it('says down once, still down once, and back once, however many attempts fail', () => {
    const { tracker, reports, fail } = track();
    tracker.succeeded();
    expect(reports).toEqual([]);
    const waits = fail(500);
    tracker.succeeded();
    tracker.succeeded();
    expect(reports.map((r) => r.state)).toEqual(['down', 'still down', 'back']);
    expect(reports[0]).toMatchObject({ dependency: 'DynamoDB Local', error: expect.stringContaining('ECONNREFUSED') });
    expect(reports[2]).toMatchObject({ attempts: 500 });
    // Never once a second: the waits grow to the cap and stay there.
    expect(Math.max(...waits)).toBe(30_000);
    expect(waits.filter((w) => w < 30_000).length).toBeLessThan(10);
  });

  it('says still down after a long outage even with few attempts', () => {
    const { reports, fail } = track();
    fail(9); // 250 + 500 + … + 30,000 ms: past a minute within nine attempts
    expect(reports.map((r) => r.state)).toEqual(['down', 'still down']);
  });

  it('starts over after the dependency came back: a second outage is said again, with a short first wait', () => {
    const { tracker, reports, fail } = track();
    fail(3);
    tracker.succeeded();
    const waits = fail(2);
    tracker.succeeded();
    expect(reports.map((r) => r.state)).toEqual(['down', 'back', 'down', 'back']);
    expect(waits[0]).toBe(250);
    expect(tracker.down).toBe(false);
  });
});

describe('DependencyGate', () => {
  it('says down and back once each while many loops fail and wait at the same time', async () => {
    let up = false;
    let probes = 0;
    const lines: string[] = [];
    const gate = new DependencyGate({
      dependency: 'DynamoDB Local',
      probe: async () => {
        probes += 1;
        if (!up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
      },
      say: (line) => lines.push(line),
      backoff: { firstMs: 1, maxMs: 4 },
    });
    const loops = await Promise.all(Array.from({ length: 8 }, () => gate.confirmOutage()));
    expect(loops.every(Boolean)).toBe(true);
    expect(gate.down).toBe(true);
    const waiting = Promise.all(Array.from({ length: 8 }, () => gate.whenUp()));
    while (probes < 15) await new Promise((r) => setTimeout(r, 2));
    up = true;
    await waiting;
    expect(gate.down).toBe(false);
    expect(await gate.confirmOutage()).toBe(false);
    expect(gate.outages).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^DynamoDB Local is unreachable \(.*ECONNREFUSED.*\); retrying with backoff$/);
    expect(lines[1]).toMatch(/^DynamoDB Local is reachable again after [\d.]+s \(\d+ failed attempts\)$/);
    gate.stop();
  });

  it('looks again at once when nudged (its supervisor restarted it), not after a backoff grown to its cap', async () => {
    let up = false;
    let probes = 0;
    const gate = new DependencyGate({
      dependency: 'DynamoDB Local',
      probe: async () => {
        probes += 1;
        if (!up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
      },
      say: () => undefined,
      // Half a minute or more between probes: without the nudge the wait below runs past the test's timeout.
      backoff: { firstMs: 60_000, maxMs: 60_000 },
    });
    expect(await gate.confirmOutage()).toBe(true);
    const back = gate.whenUp();
    up = true;
    gate.nudge();
    await back;
    expect(probes).toBe(2);
    expect(gate.down).toBe(false);
    gate.stop();
  });

  it('takes an error that is not an outage for what it is, without asking the dependency', async () => {
    let probes = 0;
    const gate = new DependencyGate({ dependency: 'x', probe: async () => void (probes += 1), say: () => undefined });
    expect(await gate.confirmOutage(new TypeError('bug'))).toBe(false);
    expect(probes).toBe(0);
  });
});
