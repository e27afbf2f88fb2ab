import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** One JSON line per request, with the HTTP-API fields (route, integration error) the default CLF lacks. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    sourceIp: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface OpenDataApiProps {
  /** The function with the `http` trigger. */
  readonly handler: IFunction;
  readonly logRetention: RetentionDays;
  /** Steady-state requests per second across all clients. */
  readonly rateLimit: number;
  /** Requests the stage absorbs in a burst above the rate. */
  readonly burstLimit: number;
}

/** The public, read-only open-data HTTP API: every `GET /v1/...` goes to one function. */
export class OpenDataApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: readonly HttpRoute[];

  constructor(scope: Construct, id: string, props: OpenDataApiProps) {
    super(scope, id);
    // An explicit $default stage: the one HttpApi would create has no throttling and no access log.
    this.api = new HttpApi(this, 'Api', {
      description: 'tongyuan open-data API: catalog and downloads',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    this.routes = this.api.addRoutes({
      path: '/v1/{proxy+}',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('Handler', props.handler),
    });
  }
}
