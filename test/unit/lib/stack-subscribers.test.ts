import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SubscriberConfig } from '../../../src/generated/subscriber.types.js';
import { logicalId, SYNTH_TIMEOUT_MS, synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

vi.mock('../../../src/feeds/subscriber-filter.js', () => ({ filterPolicy: (s: SubscriberConfig) => ({ view: [s.view] }) }));

const subscriber = (id: string, ordering: SubscriberConfig['ordering']): SubscriberConfig => ({
  id,
  partner: id,
  name: id,
  feeds: ['gazette', 'enforcement'],
  view: 'public',
  ordering,
  contact: { name: 'ops', email: 'ops@example.gov.cn' },
});

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({ subscribers: [subscriber('sh', 'per-record'), subscriber('js', 'none')] });
}, SYNTH_TIMEOUT_MS);

describe('the stack with feed subscribers', () => {
  it('builds their queues apart from the work queues, subscribed to each of their feeds', () => {
    const { stack, template } = synthesized;
    expect([...stack.subscriberQueues.queues.keys()]).toEqual(['feed-sh', 'feed-js']);
    expect(stack.queues.queues.has('feed-sh')).toBe(false);
    template.resourceCountIs('AWS::SNS::Subscription', 4);
    template.hasOutput('FeedShQueueUrl', { Value: { Ref: logicalId(stack.subscriberQueues.queues.get('feed-sh')!) } });
  });

  it(
    'stays clean under cdk-nag',
    () => {
      const report = new AwsSolutionsChecks(synthesized.app, { verbose: true }).validateScope(synthesized.app);
      const findings = report.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );
});
