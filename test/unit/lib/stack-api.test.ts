import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../src/infra/resources.js';
import { getAtt, logicalId, ref, SYNTH_TIMEOUT_MS, synthesizeStack, type CfnResource, type SynthesizedStack } from './stack-fixture.js';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack();
}, SYNTH_TIMEOUT_MS);

const functionWith = (kind: string) => resources.functions.find((fn) => fn.triggers.some((t) => t.kind === kind))!.id;
const fnOf = (id: string) => synthesized.stack.functions.functions.get(id)!;
const resourcesOf = (type: string) => Object.entries(synthesized.cfn).filter(([, r]) => r.Type === type);
const variablesOf = (id: string) => (synthesized.cfn[logicalId(fnOf(id))]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const api = () => synthesized.stack.api!;

describe('the open-data REST API', () => {
  it('replaces the HTTP API: one REST API, no API Gateway v2 resource left', () => {
    expect(Object.values(synthesized.cfn).filter((r) => r.Type.startsWith('AWS::ApiGatewayV2::'))).toEqual([]);
    synthesized.template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    synthesized.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      ApiKeySourceType: 'AUTHORIZER',
      BinaryMediaTypes: ['*/*'],
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('sends ANY on / and on /{proxy+} to the API function by proxy integration, each behind the authorizer with an API key required', () => {
    const methods = resourcesOf('AWS::ApiGateway::Method').map(([, r]) => r.Properties);
    expect(methods).toHaveLength(2);
    const authorizerId = ref(api().node.findChild('Authorizer'));
    for (const method of methods)
      expect(method).toMatchObject({
        HttpMethod: 'ANY',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: authorizerId,
        ApiKeyRequired: true,
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
      });
    expect(JSON.stringify(methods.map((m) => m.Integration))).toContain(JSON.stringify(getAtt(fnOf(functionWith('http')), 'Arn')));
    expect(methods.map((m) => m.ResourceId)).toContainEqual(getAtt(api().api, 'RootResourceId'));
    synthesized.template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}', ParentId: getAtt(api().api, 'RootResourceId') });
  });

  it('authorizes with the authorizer function on every request: REQUEST, no identity source, no cache', () => {
    const [[, authorizer]] = resourcesOf('AWS::ApiGateway::Authorizer') as [[string, CfnResource]];
    expect(authorizer.Properties).toMatchObject({ Type: 'REQUEST', AuthorizerResultTtlInSeconds: 0 });
    expect(authorizer.Properties).not.toHaveProperty('IdentitySource');
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(JSON.stringify(getAtt(fnOf(functionWith('http-authorizer')), 'Arn')));
    synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(fnOf(functionWith('http-authorizer')), 'Arn'),
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it('throttles the stage, traces it in X-Ray and writes a JSON access log with the authorizer verdict', () => {
    const accessLogs = api().node.findChild('AccessLogs');
    synthesized.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      // The stack's default apiRateLimit and apiBurstLimit.
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })]),
    });
    const [[, stage]] = resourcesOf('AWS::ApiGateway::Stage') as [[string, CfnResource]];
    const { DestinationArn, Format } = stage.Properties.AccessLogSetting as { DestinationArn: unknown; Format: string };
    expect(JSON.stringify(DestinationArn)).toContain(logicalId(accessLogs));
    const format = JSON.parse(Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      caller: '$context.authorizer.caller',
      grantId: '$context.authorizer.grantId',
      authorizerError: '$context.authorizer.error',
      apiKeyId: '$context.identity.apiKeyId',
    });
  });
});

describe('usage plans', () => {
  const plan = (suffix: string) => resourcesOf('AWS::ApiGateway::UsagePlan').find(([, r]) => r.Properties.UsagePlanName === `Tongyuan-${suffix}`);

  it('throttles anonymous callers together, without a quota', () => {
    expect(plan('anonymous')?.[1].Properties).toMatchObject({
      Throttle: { RateLimit: 20, BurstLimit: 40 },
      ApiStages: [{ ApiId: ref(api().api), Stage: ref(api().api.deploymentStage) }],
    });
    expect(plan('anonymous')?.[1].Properties).not.toHaveProperty('Quota');
  });

  it('throttles each grant key and caps it by a daily quota', () => {
    expect(plan('granted')?.[1].Properties).toMatchObject({
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 100_000, Period: 'DAY' },
      ApiStages: [{ ApiId: ref(api().api), Stage: ref(api().api.deploymentStage) }],
    });
    synthesized.template.resourceCountIs('AWS::ApiGateway::UsagePlan', 2);
  });

  it('gives the anonymous plan one key, valued from a generated secret that the authorizer gets too', () => {
    const plans = api().usagePlans;
    synthesized.template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    synthesized.template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: ref(plans.anonymousKey),
      KeyType: 'API_KEY',
      UsagePlanId: ref(plans.anonymous),
    });
    synthesized.template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 40 } });
    const keyValue = synthesized.cfn[logicalId(plans.anonymousKey)]!.Properties.Value;
    expect(JSON.stringify(keyValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(keyValue)).toContain(logicalId(plans.anonymousKeyValue));
    expect(variablesOf(functionWith('http-authorizer')).TONGYUAN_ANONYMOUS_USAGE_KEY).toEqual(keyValue);
  });

  it('outputs the granted plan id for the grants CLI, and the API URL', () => {
    const outputs = synthesized.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.GrantedUsagePlanId?.Value).toEqual(ref(api().usagePlans.granted));
    expect(outputs.ApiUrl?.Value).toEqual(variablesOf(functionWith('http')).TONGYUAN_PUBLIC_BASE_URL);
  });
});

describe('what the gateway answers itself', () => {
  const responses = () => resourcesOf('AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties);
  const response = (type: string) => responses().find((r) => r.ResponseType === type)!;

  it.each([
    ['UNAUTHORIZED', '401', '/problems/invalid-key'],
    ['ACCESS_DENIED', '403', '/problems/grant-required'],
    ['INVALID_API_KEY', '403', '/problems/grant-required'],
    ['THROTTLED', '429', '/problems/too-many-requests'],
    ['QUOTA_EXCEEDED', '429', '/problems/too-many-requests'],
    ['AUTHORIZER_FAILURE', '500', '/problems/internal-error'],
  ])('%s: %s as a problem document a browser portal can read', (type, status, problemType) => {
    const { StatusCode, ResponseParameters, ResponseTemplates } = response(type) as {
      StatusCode: string;
      ResponseParameters: Record<string, string>;
      ResponseTemplates: Record<string, string>;
    };
    expect(StatusCode).toBe(status);
    expect(ResponseParameters).toMatchObject({
      'gatewayresponse.header.Content-Type': "'application/problem+json'",
      'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
    });
    // What the gateway sends once it has filled in its $context references.
    const body = JSON.parse(ResponseTemplates['application/json']!.replace(/\$context\.[A-Za-z.]+/g, 'filled')) as Record<string, unknown>;
    expect(body).toMatchObject({ type: problemType, status: Number(status), title: expect.stringMatching(/ \/ /), detail: expect.any(String) });
  });

  it('tells a refused grant holder whether the grant was revoked or expired, from the authorizer context', () => {
    expect((response('ACCESS_DENIED').ResponseTemplates as Record<string, string>)['application/json']).toContain('"detail":"$context.authorizer.detail"');
  });

  it('says when to retry a 429', () => {
    expect(response('THROTTLED').ResponseParameters).toMatchObject({ 'gatewayresponse.header.Retry-After': "'1'" });
    expect(response('QUOTA_EXCEEDED').ResponseParameters).toMatchObject({ 'gatewayresponse.header.Retry-After': expect.stringMatching(/^'\d+'$/) });
  });
});

describe('the API function', () => {
  it('builds URLs on the stage URL, taken from the API id rather than the stage (which depends on the function)', () => {
    const base = JSON.stringify(variablesOf(functionWith('http')).TONGYUAN_PUBLIC_BASE_URL);
    expect(base).toContain(JSON.stringify(ref(api().api)));
    expect(base).toContain('/prod');
    expect(base).not.toContain(logicalId(api().api.deploymentStage));
  });

  it('reads the feed signing keys from a retained secret that starts as an empty JWK set', () => {
    const secret = synthesized.stack.feedSigningKeys!.secret;
    expect(variablesOf(functionWith('http')).TONGYUAN_FEED_KEYS_SECRET).toBe('feed-signing-keys');
    const resource = synthesized.cfn[logicalId(secret)]!;
    expect(resource.Properties).toMatchObject({ Name: 'feed-signing-keys', SecretString: JSON.stringify({ keys: [] }) });
    expect(resource.DeletionPolicy).toBe('Retain');
    const role = logicalId(fnOf(functionWith('http')).role!);
    const statements = resourcesOf('AWS::IAM::Policy')
      .filter(([, r]) => JSON.stringify(r.Properties.Roles).includes(`"${role}"`))
      .flatMap(([, r]) => (r.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
    const onSecret = statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(ref(secret))).flatMap((s) => [s.Action].flat());
    expect(onSecret).toContain('secretsmanager:GetSecretValue');
  });

  it('has no dependency cycle through its environment', () => {
    expect(dependencyCycle(synthesized.cfn)).toBeUndefined();
  });

  it(
    'builds URLs on a configured public base URL instead, without its trailing slash',
    () => {
      const { stack, cfn } = synthesizeStack({ publicBaseUrl: 'https://data.example.gov.cn/' });
      const variables = (cfn[logicalId(stack.functions.functions.get(functionWith('http'))!)]!.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.TONGYUAN_PUBLIC_BASE_URL).toBe('https://data.example.gov.cn');
    },
    SYNTH_TIMEOUT_MS,
  );
});

/** A cycle of logical ids through Ref, Fn::GetAtt and DependsOn, which CloudFormation would refuse; undefined when there is none. */
function dependencyCycle(cfn: Record<string, CfnResource & { DependsOn?: string | string[] }>): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(cfn)) {
    const targets = new Set<string>([resource.DependsOn ?? []].flat());
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node)) {
          if (key === 'Ref' && typeof value === 'string') targets.add(value);
          else if (key === 'Fn::GetAtt' && Array.isArray(value)) targets.add(String(value[0]));
          else visit(value);
        }
    };
    visit(resource.Properties);
    edges.set(id, new Set([...targets].filter((target) => target in cfn)));
  }
  const state = new Map<string, 'open' | 'done'>();
  const walk = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      const cycle = walk(next, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = walk(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}
