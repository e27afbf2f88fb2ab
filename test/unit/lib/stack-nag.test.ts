import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { TongyuanStack } from '../../../lib/tongyuan-stack.js';
import { assertHandlerEntriesExist, newTestApp, SYNTH_TIMEOUT_MS, synthesizeStack } from './stack-fixture.js';

// cdk-nag 3 is a policy-validation plugin, not an Aspect: it reports violations
// instead of annotations, and honours `Validations.of(...).acknowledge(...)`.

/** Findings embed concrete partitions and regions when the environment is known, so check several. */
const environments = [
  ['environment-agnostic', undefined],
  ['a China region', { account: '123456789012', region: 'cn-north-1' }],
  ['a commercial region', { account: '123456789012', region: 'us-east-1' }],
] as const;

describe('cdk-nag AwsSolutions', () => {
  it.each(environments)(
    'reports neither errors nor warnings, %s',
    (_name, env) => {
      const { app } = synthesizeStack({ env });
      const report = new AwsSolutionsChecks(app, { verbose: true }).validateScope(app);
      const findings = report.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'passes as a plugin of a real synth, the way bin/cdk.ts runs it',
    () => {
      assertHandlerEntriesExist();
      const app = newTestApp();
      new TongyuanStack(app, 'Tongyuan');
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      expect(() => app.synth()).not.toThrow();
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'acknowledges findings only on individual resources, each with a reason',
    () => {
      const { stack } = synthesizeStack();
      const acknowledgements = stack.node
        .findAll()
        .flatMap((construct) =>
          construct.node.metadata
            .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
        );
      expect(acknowledgements.length).toBeGreaterThan(0);
      for (const { path, id, reason } of acknowledgements) {
        expect(path, id).not.toBe(stack.node.path);
        expect(reason.length, `${id} at ${path}`).toBeGreaterThan(40);
        if (id.includes('IAM5')) expect(id, `${id} at ${path} must name one finding`).toMatch(/IAM5\[.+\]$/);
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});
