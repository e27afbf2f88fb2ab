import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';

/**
 * RFC 9457 problem details, the one shape of every error the open-data API answers.
 * A deliberate refusal (404, 400) says what was wrong with the request; an internal
 * failure says nothing of ours (no message, path or stack), only a correlation id
 * that finds the logged error.
 */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export interface ProblemDetail {
  /** A URI reference naming the kind of problem, resolved against the API's origin. */
  readonly type: string;
  /** Chinese and English, the same for every occurrence of the kind. */
  readonly title: string;
  readonly status: number;
  /** This occurrence, for the caller; never an internal message. */
  readonly detail: string;
  /** The request path that failed. */
  readonly instance: string;
  /** Set on internal failures: the id under which the error was logged. */
  readonly correlationId?: string;
  /** Set on a 400 for a bad query parameter: which one, and why (the extension RFC 9457 shows as its example). */
  readonly invalidParams?: readonly { readonly name: string; readonly reason: string }[];
}

const KINDS = {
  400: { type: '/problems/bad-request', title: '请求无效 / Bad Request' },
  401: { type: '/problems/invalid-key', title: '密钥无效 / Invalid API Key' },
  403: { type: '/problems/grant-required', title: '需经授权 / Grant Required' },
  404: { type: '/problems/not-found', title: '未找到 / Not Found' },
  405: { type: '/problems/method-not-allowed', title: '方法不允许 / Method Not Allowed' },
  416: { type: '/problems/range-not-satisfiable', title: '范围无法满足 / Range Not Satisfiable' },
  429: { type: '/problems/too-many-requests', title: '请求过多 / Too Many Requests' },
  500: { type: '/problems/internal-error', title: '内部错误 / Internal Server Error' },
  503: { type: '/problems/unavailable', title: '暂不可用 / Service Unavailable' },
} as const;

export type ProblemStatus = keyof typeof KINDS;

/** The logger the API reports internal failures to (the Powertools logger satisfies it). */
export interface ErrorLogger {
  error(message: string, attributes: Record<string, unknown>): void;
}

/** A message in both of the API's languages; a plain string is used as it is for both. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

const detailOf = (detail: string | Bilingual): string => (typeof detail === 'string' ? detail : `${detail.zh} / ${detail.en}`);

export function problemResponse(c: Context, status: ProblemStatus, detail: string | Bilingual, correlationId?: string): Response {
  return problemOf({
    ...KINDS[status],
    status,
    detail: detailOf(detail),
    instance: new URL(c.req.url).pathname,
    ...(correlationId ? { correlationId } : {}),
  });
}

/**
 * A 400 that names the query parameter at fault, in the detail (both languages) and as
 * `invalidParams`, whose reason is the English one (a machine reads it).
 */
export function invalidParameter(c: Context, name: string, reason: string | Bilingual): Response {
  // A reason given only in English still gets a Chinese sentence naming the parameter.
  const zh = typeof reason === 'string' ? `查询参数“${name}”无效` : `查询参数“${name}”无效：${reason.zh}`;
  const en = typeof reason === 'string' ? reason : reason.en;
  return problemOf({
    ...KINDS[400],
    status: 400,
    detail: `${zh} / query parameter "${name}": ${en}`,
    instance: new URL(c.req.url).pathname,
    invalidParams: [{ name, reason: en }],
  });
}

/** A 404 for a dataset the catalog does not have. */
export function datasetNotFound(c: Context, id: string): Response {
  return problemResponse(c, 404, { zh: `没有数据集“${id}”`, en: `no dataset "${id}"` });
}

/** A 404 for a path no route serves. */
export function noRoute(c: Context): Response {
  const what = `${c.req.method} ${new URL(c.req.url).pathname}`;
  return problemResponse(c, 404, { zh: `没有此接口：${what}`, en: `no route ${what}` });
}

/** A 405 for a path that is served, but not with this method; `Allow` lists the methods that are. */
export function methodNotAllowed(c: Context, allowed: readonly string[]): Response {
  const response = problemResponse(c, 405, {
    zh: `此接口不支持 ${c.req.method} 方法，可用：${allowed.join(', ')}`,
    en: `${c.req.method} is not allowed here; use ${allowed.join(', ')}`,
  });
  response.headers.set('allow', allowed.join(', '));
  return response;
}

/** A 429 saying when to come back: `Retry-After` in whole seconds (at least 1). */
export function tooManyRequests(c: Context, retryAfterSeconds: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const response = problemResponse(c, 429, {
    zh: `请求过于频繁，请 ${seconds} 秒后重试`,
    en: `too many requests; retry in ${seconds} s`,
  });
  response.headers.set('retry-after', String(seconds));
  return response;
}

function problemOf(body: ProblemDetail): Response {
  return new Response(JSON.stringify(body), { status: body.status, headers: { 'content-type': PROBLEM_MEDIA_TYPE } });
}

/** Lambda's request id when API Gateway invoked us (it is in the function's own log lines too), else a new one. */
function correlationIdOf(c: Context): string {
  const lambda = (c.env as { lambdaContext?: { awsRequestId?: unknown } } | undefined)?.lambdaContext;
  return typeof lambda?.awsRequestId === 'string' && lambda.awsRequestId !== '' ? lambda.awsRequestId : randomUUID();
}

/** Logs the real error under a correlation id and answers a generic 500 carrying only that id. */
export function internalFailure(c: Context, error: Error, logger: ErrorLogger): Response {
  const correlationId = correlationIdOf(c);
  logger.error('request failed', { correlationId, method: c.req.method, path: new URL(c.req.url).pathname, error });
  return problemResponse(
    c,
    500,
    { zh: '请求未能完成；报告问题时请提供关联编号（correlationId）', en: 'the request could not be completed; quote the correlation id when reporting it' },
    correlationId,
  );
}
