import { DEFAULT_CATALOG_DIRS } from '../../../src/config/runtime-config.js';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../../src/config/catalog.js';
import { repositoryRoot, SYNTH_TIMEOUT_MS, synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

const env = { account: '123456789012', region: 'cn-north-1' } as const;
const fixtureSources = `${repositoryRoot}test/fixtures/secret-sources`;

/** Every policy statement of one function's role, flattened across its policies. */
function statementsOf(synthesized: SynthesizedStack, functionId: string): Record<string, unknown>[] {
  const role = synthesized.stack.functions.functions.get(functionId)!.role!;
  const roleRef = synthesized.stack.resolve(role.roleName) as unknown;
  return Object.values(synthesized.cfn)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([roleRef]))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
}

const readsSecrets = (statement: Record<string, unknown>) => JSON.stringify(statement.Action).match(/ssm:|secretsmanager:|kms:/) !== null;

/** Secret reads beyond the sources': the API function's read of the feed signing keys (its JWK set), and nothing else. */
function otherSecretReads(synthesized: SynthesizedStack, functionId: string): Record<string, unknown>[] {
  const feedKeys = JSON.stringify(synthesized.stack.resolve(synthesized.stack.feedSigningKeys!.secret.secretArn));
  return statementsOf(synthesized, functionId)
    .filter(readsSecrets)
    .filter((statement) => !(functionId === 'api' && JSON.stringify(statement.Resource) === feedKeys));
}

describe('functions read exactly the SSM parameters and secrets their sources reference', () => {
  let synthesized: SynthesizedStack;
  beforeAll(async () => {
    const { valid, problems } = await loadSources(fixtureSources);
    expect(problems).toEqual([]);
    synthesized = synthesizeStack({ env, sources: valid });
  }, SYNTH_TIMEOUT_MS);

  it('grants the ingest function GetParameter(s) on the one parameter and GetSecretValue on the one secret', () => {
    const granted = statementsOf(synthesized, 'ingest').filter(readsSecrets);
    expect(granted).toEqual([
      {
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Effect: 'Allow',
        Resource: 'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/tongyuan/credit/db-password',
      },
      {
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:tongyuan/permits-api-??????',
      },
    ]);
  });

  it('grants no other function any SSM, Secrets Manager or KMS access', () => {
    for (const id of synthesized.stack.functions.functions.keys()) {
      if (id === 'ingest') continue;
      expect(otherSecretReads(synthesized, id), id).toEqual([]);
    }
  });

  it(
    'still passes cdk-nag AwsSolutions with the grants',
    () => {
      const report = new AwsSolutionsChecks(synthesized.app, { verbose: true }).validateScope(synthesized.app);
      expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    "grants nothing when no source references a parameter or secret (the repository's own sources)",
    async () => {
      const { valid } = await loadSources(DEFAULT_CATALOG_DIRS.sources);
      const plain = synthesizeStack({ env, sources: valid });
      for (const id of plain.stack.functions.functions.keys()) expect(otherSecretReads(plain, id), id).toEqual([]);
    },
    SYNTH_TIMEOUT_MS,
  );
});
