import { describe, expect, it } from 'vitest';
import { cycleExitCode } from '../../../src/cli/commands/up.js';
import { pipelineDeadLetterIds } from '../../../src/local/dead-letters.js';

describe('`up --once` exit code', () => {
  it('is 0 for a clean cycle and for a serving stack, 1 when a source failed or a file was set aside', () => {
    expect(cycleExitCode({ failed: [] })).toBe(0);
    expect(cycleExitCode(undefined)).toBe(0);
    const held = { source: 'demo-sgs-csv', file: 'empty.csv', disposition: 'held' as const, reason: { zh: '暂扣', en: 'held' } };
    expect(cycleExitCode({ failed: [held] })).toBe(1);
    expect(cycleExitCode({ failed: [{ source: 'demo-credit', reason: { zh: '同步出错（错误详情见英文说明）', en: 'connection refused' } }] })).toBe(1);
  });

  it('is 1 when a pipeline dead-letter queue holds messages after the cycle, 0 when none does', () => {
    expect(cycleExitCode({ failed: [], deadLettered: [{ queue: 'normalize-dlq', messages: 4 }] })).toBe(1);
    expect(cycleExitCode({ failed: [], deadLettered: [] })).toBe(0);
  });
});

describe("the pipeline's dead-letter queues", () => {
  it("are each queue's -dlq and each stream's on-failure queue, not the subscribers' own", () => {
    const ids = ['normalize', 'normalize-dlq', 'publish-dlq', 'feed-receipts-dlq', 'feed-open-portal-dlq', 'feed-open-portal', 'route-records-stream-failures'];
    expect(pipelineDeadLetterIds(ids)).toEqual(['feed-receipts-dlq', 'normalize-dlq', 'publish-dlq', 'route-records-stream-failures']);
  });
});
