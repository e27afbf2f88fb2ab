import { describe, expect, it } from 'vitest';
import { resources, type ResourceModel } from '../../../src/infra/resources.js';
import { TongyuanStack, type TongyuanStackProps } from '../../../lib/tongyuan-stack.js';
import { assertHandlerEntriesExist, newTestApp, SYNTH_TIMEOUT_MS } from './stack-fixture.js';

const build = (props: TongyuanStackProps) => () => new TongyuanStack(newTestApp(), 'Tongyuan', props);

/** The model with one function replaced. */
function withFunction(id: string, change: (fn: ResourceModel['functions'][number]) => ResourceModel['functions'][number]): ResourceModel {
  return { ...resources, functions: resources.functions.map((fn) => (fn.id === id ? change(fn) : fn)) };
}

describe('stack props are checked before anything is built', () => {
  it(
    'accepts the defaults',
    () => {
      assertHandlerEntriesExist();
      expect(build({})).not.toThrow();
    },
    SYNTH_TIMEOUT_MS,
  );

  it('rejects bad API throttling and stream retry values, all at once', () => {
    expect(build({ apiRateLimit: 0, apiBurstLimit: 1.5, streamRetryAttempts: -1 })).toThrow(
      /apiRateLimit must be a positive number[\s\S]*apiBurstLimit must be a positive integer[\s\S]*streamRetryAttempts must be an integer/,
    );
  });

  it('rejects bad usage-plan limits and a public base URL that is not https, all at once', () => {
    expect(build({ anonymousRateLimit: -1, grantedBurstLimit: 0, grantedDailyQuota: 2.5, publicBaseUrl: 'http://data.example.gov.cn' })).toThrow(
      /anonymousRateLimit must be a positive number[\s\S]*grantedBurstLimit must be a positive integer[\s\S]*grantedDailyQuota must be a positive integer[\s\S]*publicBaseUrl must be an https URL/,
    );
  });

  it('rejects an HTTP API without an authorizer, and an authorizer without an HTTP API', () => {
    const withoutAuthorizer = { ...resources, functions: resources.functions.filter((fn) => !fn.triggers.some((t) => t.kind === 'http-authorizer')) };
    expect(build({ model: withoutAuthorizer })).toThrow(/the HTTP API needs a function with an http-authorizer trigger/);
    const withoutApi = { ...resources, functions: resources.functions.filter((fn) => !fn.triggers.some((t) => t.kind === 'http')) };
    expect(build({ model: withoutApi })).toThrow(/authorizes an HTTP API that no function serves/);
  });

  it('rejects a project root without package-lock.json or handler entries', () => {
    expect(build({ projectRoot: '/nonexistent' })).toThrow(/has no package-lock\.json[\s\S]*entry functions\/ingest\/handler\.ts does not exist/);
  });

  it('runs validateResources on the model', () => {
    const model = { ...resources, queues: resources.queues.map((q) => ({ ...q, visibilityTimeoutSeconds: 1 })) };
    expect(build({ model })).toThrow(/invalid resource model[\s\S]*under 6x the timeout/);
  });

  it('rejects a sort-key prefix filter on a table without a string sort key', () => {
    const model = withFunction('route', (fn) => ({
      ...fn,
      triggers: [{ kind: 'stream', table: 'records', batchSize: 10, maxBatchingWindowSeconds: 1, sortKeyPrefix: 'v#' }],
    }));
    const withoutSortKey = { ...model, tables: model.tables.map((t) => (t.id === 'records' ? { ...t, sortKey: undefined } : t)) };
    expect(build({ model: withoutSortKey })).toThrow(/sortKeyPrefix needs table records to have a string sort key/);
  });

  it('rejects a second function with an http trigger', () => {
    const model = withFunction('publish', (fn) => ({ ...fn, triggers: [...fn.triggers, { kind: 'http' }] }));
    expect(build({ model })).toThrow(/only one function can serve the HTTP API/);
  });
});
