import { describe, expect, it } from 'vitest';
import { resources, validateResources, type FunctionTrigger, type ResourceModel } from '../../../src/infra/resources.js';

const withPublishSchedule = (trigger: FunctionTrigger): ResourceModel => ({
  ...resources,
  functions: resources.functions.map((fn) => (fn.id === 'publish' ? { ...fn, triggers: [fn.triggers[0]!, trigger] } : fn)),
});

describe('the daily disclosure schedule in the resource model', () => {
  it('re-evaluates published datasets every day just after midnight China time', () => {
    const publish = resources.functions.find((fn) => fn.id === 'publish')!;
    expect(publish.triggers).toContainEqual({ kind: 'schedule', everyMinutes: 1440, dailyAtChinaTime: '00:05' });
    expect(() => validateResources(resources)).not.toThrow();
  });

  it('refuses a daily time that is no HH:MM and a daily schedule at another rate', () => {
    expect(() => validateResources(withPublishSchedule({ kind: 'schedule', everyMinutes: 1440, dailyAtChinaTime: '0:5' }))).toThrow(
      /daily time 0:5 is not HH:MM/,
    );
    expect(() => validateResources(withPublishSchedule({ kind: 'schedule', everyMinutes: 60, dailyAtChinaTime: '00:05' }))).toThrow(
      /runs every 1440 minutes, not 60/,
    );
  });
});
