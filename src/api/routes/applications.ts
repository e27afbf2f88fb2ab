import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { contentProblems, newApplication, shapeProblems, type DatasetLookup, type FieldProblem } from '../../grants/application.js';
import type { Application, Grant } from '../../ports/grant-store.js';
import { applicationFromForm } from '../applications/form.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { problemResponse } from '../problem.js';
import { categoryNow } from '../dataset-category.js';

export { applicationPaths } from '../applications/openapi.js';

/** An application is a few kilobytes at most (a 2000-character use scenario); more is refused before parsing. */
const MAX_BODY_BYTES = 32 * 1024;
/** Set here too, whatever the HTTP middleware adds: a form-posting portal must read Chinese reasons right. */
const JSON_UTF8 = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A 400 naming every field at fault, as RFC 9457's `invalidParams`. */
async function invalidFields(c: Context, problems: readonly FieldProblem[]): Promise<Response> {
  const detail = problems.map((p) => `${p.name}: ${p.reason}`).join('; ');
  const body = (await problemResponse(c, 400, detail).json()) as Record<string, unknown>;
  return new Response(JSON.stringify({ ...body, invalidParams: problems }), { status: 400, headers: { 'content-type': 'application/problem+json' } });
}

/** The body as an object, from JSON or a urlencoded form; a problem naming `body` or `content-type` otherwise. */
async function bodyOf(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return applicationFromForm(new URLSearchParams(await c.req.text()));
  if (type !== 'application/json') return { problem: { name: 'content-type', reason: 'must be application/json or application/x-www-form-urlencoded' } };
  try {
    return JSON.parse(await c.req.text()) as unknown;
  } catch {
    return { problem: { name: 'body', reason: 'is not valid JSON' } };
  }
}

const isProblem = (value: unknown): value is { problem: FieldProblem } =>
  typeof value === 'object' && value !== null && 'problem' in value && Object.keys(value).length === 1;

/** What an applicant may see of their application: its state, never their personal data or the key. */
function statusOf(application: Application, grant: Grant | undefined, statusUrl: string) {
  return {
    id: application.id,
    status: application.status,
    datasetId: application.datasetId,
    fields: application.fields,
    period: application.period,
    submittedAt: application.submittedAt,
    statusUrl,
    ...(application.decision
      ? { decision: { at: application.decision.at, ...(application.decision.reason ? { reason: application.decision.reason } : {}) } }
      : {}),
    ...(grant ? { grant: { keyId: grant.keyId, fields: grant.fields, expiresAt: grant.expiresAt, quotaPerDay: grant.quotaPerDay, status: grant.status } } : {}),
  };
}

/**
 * Restricted-access applications: POST /v1/applications (JSON or a form) stores a pending
 * application after checking it against the dataset's configuration; GET /v1/applications/{id}
 * tells its status. The API key is never served here: the operator hands it over once, at
 * approval (`tongyuan grants approve`).
 */
export function registerApplicationRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const now = deps.now ?? (() => new Date());
  const statusUrl = (id: string) => `${deps.publicBaseUrl}/v1/applications/${id}`;

  const lookup = async (datasetId: string): Promise<DatasetLookup | undefined> => {
    const dataset = (await deps.datasets()).find((d) => d.id === datasetId);
    return dataset && { dataset, category: categoryNow(deps, dataset) };
  };

  app.post(
    '/v1/applications',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => invalidFields(c, [{ name: 'body', reason: `is larger than ${MAX_BODY_BYTES} bytes` }]) }),
    async (c) => {
      const body = await bodyOf(c);
      if (isProblem(body)) return invalidFields(c, [body.problem]);
      const shaped = shapeProblems(body);
      if (Array.isArray(shaped)) return invalidFields(c, shaped);
      const at = now();
      const target = await lookup(shaped.datasetId);
      const problems = contentProblems(shaped, target, at);
      if (problems.length > 0 || !target) return invalidFields(c, problems);
      const application = newApplication(shaped, target.dataset, randomUUID(), at);
      await deps.grants.putApplication(application);
      const answer = { id: application.id, status: application.status, submittedAt: application.submittedAt, statusUrl: statusUrl(application.id) };
      return c.json(answer, 201, { ...JSON_UTF8, location: answer.statusUrl });
    },
  );

  app.get('/v1/applications/:id', async (c) => {
    const id = c.req.param('id');
    const application = UUID.test(id) ? await deps.grants.getApplication(id) : undefined;
    if (!application) return problemResponse(c, 404, { zh: `申请“${id}”不存在`, en: `no application "${id}"` });
    const grant = application.grantId === undefined ? undefined : await deps.grants.getGrant(application.grantId);
    return c.json(statusOf(application, grant, statusUrl(id)), 200, JSON_UTF8);
  });
}
