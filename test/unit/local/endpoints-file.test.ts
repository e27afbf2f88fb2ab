import { describe, expect, it } from 'vitest';
import { endpointsFileText, onRunningEmulator } from '../../../src/local/endpoints-file.js';

describe('the endpoints file', () => {
  const stale = 'http://127.0.0.1:40001/000000000000/tongyuan-normalize.fifo';

  it("moves the queue URLs onto the running emulator's origin and leaves every other variable as it is", () => {
    const env = {
      TONGYUAN_NORMALIZE_QUEUE_URL: stale,
      TONGYUAN_STATE_TABLE: 'tongyuan-state',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:40777',
      TONGYUAN_DEMO_ENFORCEMENT_URL: 'http://127.0.0.1:40001/other',
    };
    const moved = onRunningEmulator(env, [stale], 'http://127.0.0.1:40777');
    expect(moved).toEqual({ ...env, TONGYUAN_NORMALIZE_QUEUE_URL: 'http://127.0.0.1:40777/000000000000/tongyuan-normalize.fifo' });
  });

  it('is `{ pid, env }` as JSON, one line per field, ending in a newline', () => {
    const text = endpointsFileText(42, { A: 'b' });
    expect(JSON.parse(text)).toEqual({ pid: 42, env: { A: 'b' } });
    expect(text.endsWith('}\n')).toBe(true);
  });
});
