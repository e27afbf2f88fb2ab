import { Duration } from 'aws-cdk-lib';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_DIRS } from '../../../src/config/runtime-config.js';
import { loadSources, type SourceConfig } from '../../../src/config/catalog.js';
import { synthesizeStack, SYNTH_TIMEOUT_MS, type SynthesizedStack } from './stack-fixture.js';

describe('per-source sync schedules in the stack', () => {
  let sources: SourceConfig[];
  let synthesized: SynthesizedStack;
  beforeAll(async () => {
    sources = (await loadSources(DEFAULT_CATALOG_DIRS.sources)).valid;
    synthesized = synthesizeStack({ sources });
  }, SYNTH_TIMEOUT_MS);

  it('makes one EventBridge schedule per distinct source rate, each syncing exactly the sources on it', () => {
    // The sync schedules; the publish function's daily disclosure run is checked with the other triggers.
    const schedules = Object.values(synthesized.cfn).filter(
      (r) => r.Type === 'AWS::Scheduler::Schedule' && 'sourceIds' in (JSON.parse((r.Properties.Target as { Input: string }).Input) as object),
    );
    const byRate = new Map<number, string[]>();
    for (const source of sources) {
      const rate = source.schedule?.everyMinutes ?? 60;
      byRate.set(rate, [...(byRate.get(rate) ?? []), source.id]);
    }
    expect(schedules).toHaveLength(byRate.size);
    for (const [rate, ids] of byRate) {
      const expression = ScheduleExpression.rate(Duration.minutes(rate)).expressionString;
      const schedule = schedules.find((s) => s.Properties.ScheduleExpression === expression);
      expect(schedule, `no schedule at ${expression}`).toBeDefined();
      const target = schedule!.Properties.Target as { Input: string; RetryPolicy: { MaximumRetryAttempts: number }; DeadLetterConfig: { Arn: unknown } };
      expect(JSON.parse(target.Input)).toEqual({ sourceIds: ids });
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(target.DeadLetterConfig.Arn).toBeDefined();
    }
  });
});
