import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { SecretReferences } from '../../src/config/secret-refs.js';

const isArn = (name: string) => name.startsWith('arn:');

/**
 * Lets a function read exactly the SSM parameters and secrets its sources reference,
 * and nothing when they reference none. Both default to AWS-managed KMS keys, whose key
 * policies already allow decrypting through the service, so no kms:Decrypt is granted.
 */
export function grantSecretReads(fn: IFunction, references: SecretReferences): void {
  const stack = Stack.of(fn);
  if (references.ssmParameters.length > 0) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter', 'ssm:GetParameters'],
        resources: references.ssmParameters.map((name) =>
          isArn(name)
            ? name
            : stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, ''), arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
        ),
      }),
    );
  }
  if (references.secrets.length > 0) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        // A secret's ARN ends in a random six-character suffix; `-??????` matches it and no
        // other secret's name, as CDK's Secret.fromSecretNameV2 grants do.
        resources: references.secrets.map((name) =>
          isArn(name)
            ? name
            : stack.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${name}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        ),
      }),
    );
  }
}
