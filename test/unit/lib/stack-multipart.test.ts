import { beforeAll, describe, expect, it } from 'vitest';
import { getAtt, logicalId, SYNTH_TIMEOUT_MS, synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack();
}, SYNTH_TIMEOUT_MS);

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Actions the function's role may take on objects of a bucket (resource `<bucket arn>/*`). */
function objectActions(functionId: string, bucketId: string): string[] {
  const { stack, cfn } = synthesized;
  const fn = cfn[logicalId(stack.functions.functions.get(functionId)!)]!;
  const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const bucketArn = getAtt(stack.buckets.buckets.get(bucketId)!, 'Arn');
  const objects = JSON.stringify({ 'Fn::Join': ['', [bucketArn, '/*']] });
  return Object.values(cfn)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(role))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow' && [s.Resource].flat().some((res) => JSON.stringify(res) === objects))
    .flatMap((s) => [s.Action].flat());
}

const allows = (granted: readonly string[], action: string): boolean =>
  granted.some((g) => g === action || (g.endsWith('*') && action.startsWith(g.slice(0, -1))));

describe('the publish function may upload release files by multipart', () => {
  // What @aws-sdk/lib-storage sends: Create/UploadPart/Complete need s3:PutObject; a failed upload is aborted.
  it.each(['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'])('%s on the open bucket', (action) => {
    expect(allows(objectActions('publish', 'open'), action)).toBe(true);
  });

  it('the API only reads the open bucket', () => {
    const granted = objectActions('api', 'open');
    expect(allows(granted, 's3:GetObject')).toBe(true);
    expect(allows(granted, 's3:PutObject')).toBe(false);
  });
});

describe('the publish function has room for a large release', () => {
  it('writes its files to an enlarged /tmp before the gate reads them', () => {
    const { stack, cfn } = synthesized;
    const fn = cfn[logicalId(stack.functions.functions.get('publish')!)]!;
    expect(fn.Properties.EphemeralStorage).toEqual({ Size: 4096 });
  });
});
