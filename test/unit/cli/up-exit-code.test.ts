import { describe, expect, it } from 'vitest';
import { cycleExitCode } from '../../../src/cli/commands/up.js';

describe('`up --once` exit code', () => {
  it('is 0 for a clean cycle and for a serving stack, 1 when a source failed or a file was set aside', () => {
    expect(cycleExitCode({ failed: [] })).toBe(0);
    expect(cycleExitCode(undefined)).toBe(0);
    const held = { source: 'demo-sgs-csv', file: 'empty.csv', disposition: 'held' as const, reason: { zh: '暂扣', en: 'held' } };
    expect(cycleExitCode({ failed: [held] })).toBe(1);
    expect(cycleExitCode({ failed: [{ source: 'demo-credit', reason: { zh: '同步出错（错误详情见英文说明）', en: 'connection refused' } }] })).toBe(1);
  });
});
