import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { AUTHORIZER_CONTEXT } from '../../src/api/authorizer/authorizer-result.js';
import { pascalId } from './model-ids.js';

/**
 * What API Gateway answers on its own (the authorizer's refusals, the usage plans' limits), as
 * the RFC 9457 problems the API function answers with: the same types, bilingual titles and
 * media type (src/api/problem.ts), and CORS so a browser portal can read them.
 */
interface GatewayProblem {
  readonly type: ResponseType;
  readonly status: number;
  readonly problemType: string;
  readonly title: string;
  /** A fixed sentence, or a `$context` reference the gateway fills in. */
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly correlated?: boolean;
}

const INVALID_KEY = { status: 401, problemType: '/problems/invalid-key', title: '密钥无效 / Invalid API Key' } as const;
const GRANT_REQUIRED = { status: 403, problemType: '/problems/grant-required', title: '需经授权 / Grant Required' } as const;
const TOO_MANY = { status: 429, problemType: '/problems/too-many-requests', title: '请求过多 / Too Many Requests' } as const;
const INTERNAL = { status: 500, problemType: '/problems/internal-error', title: '内部错误 / Internal Server Error' } as const;

export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  { type: ResponseType.UNAUTHORIZED, ...INVALID_KEY, detail: '密钥格式无效或不属于任何授权 / the API key is malformed or belongs to no grant' },
  // The authorizer's Deny carries which of revoked or expired it was.
  { type: ResponseType.ACCESS_DENIED, ...GRANT_REQUIRED, detail: `$context.authorizer.${AUTHORIZER_CONTEXT.detail}` },
  { type: ResponseType.INVALID_API_KEY, ...GRANT_REQUIRED, detail: '该密钥尚未在网关启用 / the API key is not enabled at the gateway' },
  { type: ResponseType.THROTTLED, ...TOO_MANY, detail: '请求速率超出限制 / request rate limit exceeded', headers: { 'Retry-After': '1' } },
  // The gateway cannot compute the time to the quota's reset (midnight UTC): an hour is a fair retry pace.
  { type: ResponseType.QUOTA_EXCEEDED, ...TOO_MANY, detail: '今日请求配额已用完 / daily request quota used up', headers: { 'Retry-After': '3600' } },
  { type: ResponseType.AUTHORIZER_FAILURE, ...INTERNAL, detail: '授权检查失败 / the authorization check failed', correlated: true },
  { type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR, ...INTERNAL, detail: '授权检查失败 / the authorization check failed', correlated: true },
];

export function addGatewayProblems(api: RestApi): void {
  for (const problem of GATEWAY_PROBLEMS) {
    // Built by hand: the gateway substitutes `$context` references in the text, so JSON.stringify would escape nothing useful.
    const body = [
      `"type":"${problem.problemType}"`,
      `"title":"${problem.title}"`,
      `"status":${problem.status}`,
      `"detail":"${problem.detail}"`,
      '"instance":"$context.path"',
      ...(problem.correlated ? ['"correlationId":"$context.requestId"'] : []),
    ].join(',');
    const headers: Record<string, string> = {
      'Content-Type': "'application/problem+json'",
      'Access-Control-Allow-Origin': "'*'",
      ...Object.fromEntries(Object.entries(problem.headers ?? {}).map(([name, value]) => [name, `'${value}'`])),
    };
    api.addGatewayResponse(`${pascalId(problem.type.responseType.toLowerCase())}Problem`, {
      type: problem.type,
      statusCode: String(problem.status),
      responseHeaders: headers,
      templates: { 'application/json': `{${body}}` },
    });
  }
}
