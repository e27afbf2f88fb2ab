import type { Context, MiddlewareHandler } from 'hono';
import { chinaDate } from '../../calendar/civil-date.js';
import { hashApiKey, keyIdOf } from '../../grants/api-key.js';
import { secondsUntilNextChinaDay } from '../../grants/china-day.js';
import type { Grant } from '../../ports/grant-store.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { problemResponse } from '../problem.js';
import { clientAddress } from './client-address.js';
import { cachedGrantLookup } from './grant-lookup.js';

type PresentedKey = { readonly kind: 'none' } | { readonly kind: 'key'; readonly key: string } | { readonly kind: 'bad'; readonly reason: string };

/** The key in `Authorization: Bearer <key>` or `X-API-Key: <key>`; two different keys, or another scheme, are refused. */
function presentedKey(c: Context): PresentedKey {
  const authorization = c.req.header('authorization')?.trim();
  const header = c.req.header('x-api-key')?.trim();
  let bearer: string | undefined;
  if (authorization !== undefined && authorization !== '') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { kind: 'bad', reason: 'the Authorization header must be "Bearer <key>"' };
    bearer = match[1];
  }
  if (bearer !== undefined && header !== undefined && header !== '' && header !== bearer)
    return { kind: 'bad', reason: 'Authorization and X-API-Key carry different keys' };
  const key = bearer ?? (header === '' ? undefined : header);
  return key === undefined ? { kind: 'none' } : { kind: 'key', key };
}

const unauthorized = (c: Context, zh: string, en: string): Response => {
  const response = problemResponse(c, 401, { zh, en });
  response.headers.set('www-authenticate', 'Bearer realm="tongyuan"');
  return response;
};

/** Why a known key is refused, or undefined when its grant is in force. */
function refusal(c: Context, grant: Grant, now: Date): Response | undefined {
  if (grant.status === 'revoked') {
    const on = grant.revokedAt ? chinaDate(new Date(grant.revokedAt)) : 'an earlier date';
    return problemResponse(c, 403, {
      zh: `该密钥的授权已于 ${on} 被撤销，不能再使用`,
      en: `this key's grant was revoked on ${on}; the key can no longer be used`,
    });
  }
  if (new Date(grant.expiresAt) <= now) {
    const day = chinaDate(new Date(grant.expiresAt));
    return problemResponse(c, 403, {
      zh: `该密钥的授权已于 ${day} 到期，请重新申请`,
      en: `this key's grant expired on ${day} (China time); apply again for a new grant`,
    });
  }
  return undefined;
}

function quotaExceeded(c: Context, grant: Grant, now: Date): Response {
  const response = problemResponse(c, 429, {
    zh: `该密钥今日（北京时间）的 ${grant.quotaPerDay} 次调用额度已用完，次日零时恢复`,
    en: `this key has used its ${grant.quotaPerDay} calls for today (China time); the quota resets at the next China midnight`,
  });
  response.headers.set('retry-after', String(secondsUntilNextChinaDay(now)));
  return response;
}

/**
 * Who is calling. No key: anonymous, known by the client's address. A key: it must have the
 * key format (else 401), reach a grant (else 401), and the grant must be neither revoked nor
 * expired (else 403 saying which and when) — on every route, open data included: a bad key is
 * never served as if anonymous. A good key's calls are counted per China day against its quota
 * (429 with Retry-After beyond it) and each is audited, refused ones too, with what it was served.
 * Grants are cached for GRANT_CACHE_MS (5 s): a revocation takes effect within that.
 */
export function identifyCaller(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const now = deps.now ?? (() => new Date());
  const grantOf = cachedGrantLookup(deps.grants, now);
  return async (c, next) => {
    const presented = presentedKey(c);
    if (presented.kind === 'none') {
      c.set('caller', { kind: 'anonymous', clientId: clientAddress(c) });
      return next();
    }
    if (presented.kind === 'bad') return unauthorized(c, 'API 密钥无效', presented.reason);
    const keyId = keyIdOf(presented.key);
    if (keyId === undefined) return unauthorized(c, 'API 密钥格式无效', 'the API key is malformed: a key looks like ty_<16 hex digits>_<43 characters>');
    const grant = await grantOf(hashApiKey(presented.key));
    if (!grant || grant.keyId !== keyId) return unauthorized(c, 'API 密钥不存在', 'the API key is not known');
    const at = now();
    c.set('caller', { kind: 'key', keyId, grant });
    c.set('served', []);
    const refused = refusal(c, grant, at);
    let response: Response;
    if (refused) response = refused;
    else if ((await deps.grants.countCall(keyId, chinaDate(at))) > grant.quotaPerDay) response = quotaExceeded(c, grant, at);
    else {
      await next();
      response = c.res;
    }
    await audit(deps, c, grant, at, response.status);
    return response;
  };
}

/** One entry per dataset served, or one without a dataset when the call served no rows. */
async function audit(deps: ApiDeps, c: Context<ApiEnv>, grant: Grant, at: Date, status: number): Promise<void> {
  const base = { keyId: grant.keyId, grantId: grant.id, at: at.toISOString(), status };
  const served = c.get('served');
  if (served.length === 0) {
    await deps.grants.record({ ...base, route: new URL(c.req.url).pathname, fields: [], rows: 0 });
    return;
  }
  for (const s of served) await deps.grants.record({ ...base, datasetId: s.datasetId, route: s.route, fields: s.fields, rows: s.rows });
}
