import { Stack } from 'aws-cdk-lib';
import { ApiKey, Period, type RestApi, type UsagePlan } from 'aws-cdk-lib/aws-apigateway';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface UsagePlanLimits {
  /** Steady-state requests per second, per API key of the plan. */
  readonly rateLimit: number;
  readonly burstLimit: number;
  /** Requests per API key per day (UTC); none when absent. */
  readonly dailyQuota?: number;
}

export interface ApiUsagePlansProps {
  readonly api: RestApi;
  readonly anonymous: Omit<UsagePlanLimits, 'dailyQuota'>;
  readonly granted: UsagePlanLimits;
}

/**
 * The two usage plans of the open-data API.
 *
 * `anonymous` has one API key, created here, that the authorizer names for every caller
 * without a key: all anonymous traffic shares its throttle. The key's value is generated at
 * deploy time into a secret and reaches the authorizer as `anonymousKeyValue`.
 *
 * `granted` starts empty: approving a grant adds an API key whose value is the hash of the
 * grant's key (src/aws/api-gateway-usage-keys.ts), each throttled on its own and capped by the
 * plan's daily quota; a grant's own, smaller quota is counted by the API function.
 *
 * `tongyuan grants approve|revoke` does that with the operator's credentials, which need:
 * `apigateway:GET` on `arn:<partition>:apigateway:<region>::/apikeys` and `::/usageplans`,
 * `apigateway:POST` on `::/apikeys` and `::/usageplans/<granted plan id>/keys`, and
 * `apigateway:PATCH` on `::/apikeys/*`. No function of the stack gets these rights.
 */
export class ApiUsagePlans extends Construct {
  readonly anonymous: UsagePlan;
  readonly granted: UsagePlan;
  /** Holds the anonymous key's value; the value is no credential, see ANONYMOUS_USAGE_KEY_ENV. */
  readonly anonymousKeyValue: Secret;
  readonly anonymousKey: ApiKey;

  constructor(scope: Construct, id: string, props: ApiUsagePlansProps) {
    super(scope, id);
    const { api } = props;
    const stackName = Stack.of(this).stackName;
    const apiStages = [{ api, stage: api.deploymentStage }];

    this.anonymous = api.addUsagePlan('Anonymous', {
      name: `${stackName}-anonymous`,
      description: 'Callers without an API key, together',
      throttle: { rateLimit: props.anonymous.rateLimit, burstLimit: props.anonymous.burstLimit },
      apiStages,
    });
    this.granted = api.addUsagePlan('Granted', {
      name: `${stackName}-granted`,
      description: 'Holders of a restricted-access grant, each by their key',
      throttle: { rateLimit: props.granted.rateLimit, burstLimit: props.granted.burstLimit },
      ...(props.granted.dailyQuota === undefined ? {} : { quota: { limit: props.granted.dailyQuota, period: Period.DAY } }),
      apiStages,
    });

    this.anonymousKeyValue = new Secret(this, 'AnonymousKeyValue', {
      description: 'Value of the API key of the open-data API anonymous usage plan (names the plan; not a credential)',
      // Letters and digits: an API key value API Gateway accepts (20 to 128 characters).
      generateSecretString: { excludePunctuation: true, includeSpace: false, passwordLength: 40 },
    });
    this.anonymousKey = new ApiKey(this, 'AnonymousKey', {
      apiKeyName: `${stackName}-anonymous`,
      description: 'Counts every caller without an API key against the anonymous usage plan',
      value: this.anonymousKeyValue.secretValue.unsafeUnwrap(),
      enabled: true,
    });
    this.anonymous.addApiKey(this.anonymousKey);
  }
}
