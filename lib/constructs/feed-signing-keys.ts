import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The secret's name, which `tongyuan keys rotate` writes and the API reads (TONGYUAN_FEED_KEYS_SECRET). */
export const FEED_SIGNING_KEYS_SECRET_NAME = 'feed-signing-keys';

/**
 * The private Ed25519 JWK set that signs the feeds; the API serves its public half at
 * /.well-known/jwks.json. Secrets Manager cannot generate an Ed25519 key, so the secret starts
 * as an empty JWK set (`{"keys":[]}`, the API then serves an empty set) until the operator runs
 * `tongyuan keys rotate`. CloudFormation writes the value when it creates the secret and leaves
 * rotated keys alone while this definition stays as it is; a deploy that changes it may write the
 * empty set again, so rotate after one. The secret outlives the stack: signatures already
 * published must stay verifiable by a restored deployment.
 */
export class FeedSigningKeys extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: FEED_SIGNING_KEYS_SECRET_NAME,
      description: 'tongyuan feed signing keys: a private Ed25519 JWK set, filled by `tongyuan keys rotate`',
      // The empty set holds nothing secret.
      secretStringValue: SecretValue.unsafePlainText(JSON.stringify({ keys: [] })),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  grantRead(grantee: IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
