import { Aws, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  ApiKeySourceType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  RequestAuthorizer,
  RestApi,
  type CfnAuthorizer,
  type Method,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUTHORIZER_CONTEXT } from '../../src/api/authorizer/authorizer-result.js';
import { addGatewayProblems } from './gateway-problems.js';
import { ApiUsagePlans, type UsagePlanLimits } from './usage-plans.js';

/** The stage's name: the first path segment of every URL on the execute-api endpoint. */
export const STAGE_NAME = 'prod';

/** One JSON line per request, with what the default CLF lacks: the authorizer's verdict, the usage key, integration errors. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    sourceIp: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.path',
    resourcePath: '$context.resourcePath',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    caller: `$context.authorizer.${AUTHORIZER_CONTEXT.caller}`,
    grantId: `$context.authorizer.${AUTHORIZER_CONTEXT.grantId}`,
    authorizerError: '$context.authorizer.error',
    authorizerLatencyMs: '$context.authorizer.integrationLatency',
    apiKeyId: '$context.identity.apiKeyId',
    xrayTraceId: '$context.xrayTraceId',
  }),
);

export interface OpenDataApiProps {
  /** The function with the `http` trigger: the hono app, which answers every path and method itself. */
  readonly handler: IFunction;
  /** The function with the `http-authorizer` trigger. */
  readonly authorizer: IFunction;
  readonly logRetention: RetentionDays;
  /** Steady-state requests per second the stage accepts across all callers. */
  readonly rateLimit: number;
  /** Requests the stage absorbs in a burst above the rate. */
  readonly burstLimit: number;
  readonly anonymous: Omit<UsagePlanLimits, 'dailyQuota'>;
  readonly granted: UsagePlanLimits;
}

/**
 * The open-data API: an API Gateway REST API (not an HTTP API, which has no usage plans or
 * API keys) whose every path and method goes to the one API function, by Lambda proxy
 * integration (payload 1.0).
 *
 * Every method has the REQUEST authorizer and requires an API key from it (key source
 * AUTHORIZER): the authorizer names the anonymous plan's key for callers without one and the
 * grant's key for a grant holder, so the two usage plans throttle (and, for grants, cap) each.
 *
 * The authorizer has no identity source, and so no result cache. An identity source on
 * `Authorization` would make API Gateway answer 401 to every anonymous request without calling
 * the authorizer, and keys also arrive as `X-API-Key`. Without a cache a revoked or expired
 * grant is refused at the gateway from the next request on; the API function checks the key
 * again regardless (dataset, fields, the grant's own daily quota) and answers the refusals it
 * finds with the same problem documents.
 */
export class OpenDataApi extends Construct {
  readonly api: RestApi;
  readonly methods: readonly Method[];
  readonly usagePlans: ApiUsagePlans;
  /**
   * The URL of the stage, without a trailing slash, built from the API's id rather than from
   * the stage, so the API function's environment can carry it: the stage depends on the
   * deployment, which depends on the methods, which depend on the function.
   */
  readonly stageBaseUrl: string;

  constructor(scope: Construct, id: string, props: OpenDataApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const authorizer = new RequestAuthorizer(this, 'Authorizer', {
      handler: props.authorizer,
      identitySources: [],
      resultsCacheTtl: Duration.seconds(0),
    });
    // CDK writes an empty IdentitySource; API Gateway wants none at all for an uncached REQUEST authorizer.
    (authorizer.node.defaultChild as CfnAuthorizer).addPropertyDeletionOverride('IdentitySource');

    this.api = new RestApi(this, 'Api', {
      description: 'tongyuan open-data API: catalog, records, downloads, CKAN, DCAT, search, the portal',
      endpointTypes: [EndpointType.REGIONAL],
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
      // Lets the app's base64 answers (hono marks binary media types) reach the client as bytes.
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: false,
      deployOptions: {
        stageName: STAGE_NAME,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: ACCESS_LOG_FORMAT,
        tracingEnabled: true,
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
      },
      defaultMethodOptions: { authorizer, apiKeyRequired: true },
    });
    const integration = new LambdaIntegration(props.handler, { proxy: true, allowTestInvoke: false });
    const rootMethod = this.api.root.addMethod('ANY', integration);
    const proxy = this.api.root.addProxy({ defaultIntegration: integration, anyMethod: true });
    this.methods = [rootMethod, proxy.anyMethod!];
    addGatewayProblems(this.api);

    this.usagePlans = new ApiUsagePlans(this, 'UsagePlans', { api: this.api, anonymous: props.anonymous, granted: props.granted });
    this.stageBaseUrl = Fn.join('', ['https://', this.api.restApiId, '.execute-api.', Aws.REGION, '.', Stack.of(this).urlSuffix, `/${STAGE_NAME}`]);
  }
}
