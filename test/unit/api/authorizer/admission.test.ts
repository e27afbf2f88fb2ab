import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { admit, type AdmissionDeps } from '../../../../src/api/authorizer/admission.js';
import { authorizerResult, UNAUTHORIZED } from '../../../../src/api/authorizer/authorizer-result.js';
import { presentedKey } from '../../../../src/api/authorizer/presented-key.js';
import type { Grant } from '../../../../src/ports/grant-store.js';

const KEY = `ty_0123456789abcdef_${'A'.repeat(21)}-_${'z'.repeat(20)}`;
const OTHER_KEY = `ty_fedcba9876543210_${'b'.repeat(43)}`;
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');
const ANONYMOUS = 'anonymous-plan-key-0123456789';
const NOW = new Date('2026-11-27T08:00:00Z');
const METHOD_ARN = 'arn:aws:execute-api:cn-north-1:123456789012:abc123/prod/GET/v1/datasets';

const grant = (overrides: Partial<Grant> = {}): Grant => ({
  id: 'g-1',
  applicationId: 'a-1',
  datasetId: 'enforcement-decisions',
  fields: ['decisionNumber'],
  maskingProfile: 'standard',
  expiresAt: '2027-01-01T00:00:00Z',
  status: 'active',
  quotaPerDay: 1000,
  keyId: '0123456789abcdef',
  createdAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

/** Grants by key hash; records every hash asked for. */
function deps(grants: Record<string, Grant>): AdmissionDeps & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    anonymousUsageKey: ANONYMOUS,
    now: () => NOW,
    grants: { grantByKeyHash: (hash) => (asked.push(hash), Promise.resolve(grants[hash])) },
  };
}

describe('the key a request presents', () => {
  it('is none without either header, and the key from Bearer or X-API-Key in any header case', () => {
    expect(presentedKey({ accept: 'application/json' })).toEqual({ kind: 'none' });
    expect(presentedKey(undefined)).toEqual({ kind: 'none' });
    expect(presentedKey({ Authorization: `Bearer ${KEY}` })).toEqual({ kind: 'key', key: KEY });
    expect(presentedKey({ authorization: `bearer  ${KEY}` })).toEqual({ kind: 'key', key: KEY });
    expect(presentedKey({ 'X-Api-Key': KEY })).toEqual({ kind: 'key', key: KEY });
    expect(presentedKey({ Authorization: `Bearer ${KEY}`, 'x-api-key': KEY })).toEqual({ kind: 'key', key: KEY });
  });

  it.each([
    ['a Basic authorization', { Authorization: 'Basic dXNlcjpwYXNz' }, /Bearer/],
    ['a short secret', { 'x-api-key': KEY.slice(0, -1) }, /ty_<16 hex>_<43 base64url>/],
    ['an upper-case key id', { 'x-api-key': KEY.replace('abcdef', 'ABCDEF') }, /ty_<16 hex>/],
    ['an empty header', { 'x-api-key': '' }, /ty_/],
    ['two different keys', { Authorization: `Bearer ${KEY}`, 'x-api-key': OTHER_KEY }, /different keys/],
  ])('is malformed with %s', (_name, headers, reason) => {
    const presented = presentedKey(headers);
    expect(presented.kind).toBe('malformed');
    if (presented.kind === 'malformed') expect(presented.reason).toMatch(reason);
  });
});

describe('admission', () => {
  it('lets a caller without a key through on the anonymous plan, without a table read', async () => {
    const d = deps({});
    expect(await admit({ host: 'x' }, d)).toEqual({ effect: 'allow', usageKey: ANONYMOUS, caller: 'anonymous' });
    expect(d.asked).toEqual([]);
  });

  it('lets a key of an active, unexpired grant through on the key hash', async () => {
    const d = deps({ [hashOf(KEY)]: grant() });
    expect(await admit({ Authorization: `Bearer ${KEY}` }, d)).toEqual({ effect: 'allow', usageKey: hashOf(KEY), caller: 'grant', grantId: 'g-1' });
    expect(d.asked).toEqual([hashOf(KEY)]);
  });

  it('refuses a malformed key as unauthorized without a table read', async () => {
    const d = deps({});
    expect(await admit({ 'x-api-key': 'not-a-key' }, d)).toMatchObject({ effect: 'unauthorized' });
    expect(d.asked).toEqual([]);
  });

  it('refuses a well-formed key of no grant as unauthorized', async () => {
    expect(await admit({ 'x-api-key': OTHER_KEY }, deps({ [hashOf(KEY)]: grant() }))).toEqual({ effect: 'unauthorized', reason: 'no grant has this key' });
  });

  it('denies a revoked grant, saying so in both languages', async () => {
    const admission = await admit({ 'x-api-key': KEY }, deps({ [hashOf(KEY)]: grant({ status: 'revoked' }) }));
    expect(admission).toMatchObject({
      effect: 'deny',
      reason: 'revoked',
      grantId: 'g-1',
      detail: { zh: expect.stringContaining('撤销'), en: expect.stringContaining('revoked') },
    });
  });

  it.each([
    ['expired before now', '2026-11-27T07:59:59Z'],
    ['expiring exactly now', NOW.toISOString()],
    ['with an unreadable expiry', 'next year'],
  ])('denies a grant %s', async (_name, expiresAt) => {
    const admission = await admit({ 'x-api-key': KEY }, deps({ [hashOf(KEY)]: grant({ expiresAt }) }));
    expect(admission).toMatchObject({ effect: 'deny', reason: 'expired', detail: { en: expect.stringContaining('expired') } });
  });

  it('fails, rather than admitting, when the grant lookup fails', async () => {
    const failing: AdmissionDeps = { anonymousUsageKey: ANONYMOUS, now: () => NOW, grants: { grantByKeyHash: () => Promise.reject(new Error('throttled')) } };
    await expect(admit({ 'x-api-key': KEY }, failing)).rejects.toThrow('throttled');
  });
});

describe('the authorizer result API Gateway receives', () => {
  it('allows exactly the called method with the anonymous plan key', () => {
    expect(authorizerResult({ effect: 'allow', usageKey: ANONYMOUS, caller: 'anonymous' }, METHOD_ARN)).toEqual({
      principalId: 'anonymous',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }] },
      usageIdentifierKey: ANONYMOUS,
      context: { caller: 'anonymous' },
    });
  });

  it('allows a grant holder with the key hash as usage key and the grant in the context', () => {
    const result = authorizerResult({ effect: 'allow', usageKey: hashOf(KEY), caller: 'grant', grantId: 'g-1' }, METHOD_ARN);
    expect(result).toMatchObject({ principalId: 'grant:g-1', usageIdentifierKey: hashOf(KEY), context: { caller: 'grant', grantId: 'g-1' } });
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
  });

  it('denies with the bilingual detail in the context and no usage key', () => {
    const result = authorizerResult(
      { effect: 'deny', reason: 'expired', grantId: 'g-1', detail: { zh: '该密钥的授权已过期', en: 'the grant of this key has expired' } },
      METHOD_ARN,
    );
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: METHOD_ARN });
    expect(result.context).toMatchObject({ detail: '该密钥的授权已过期 / the grant of this key has expired' });
    expect(result.usageIdentifierKey).toBeUndefined();
  });

  it('throws the one message API Gateway turns into a 401', () => {
    expect(() => authorizerResult({ effect: 'unauthorized', reason: 'no grant has this key' }, METHOD_ARN)).toThrow(new Error(UNAUTHORIZED));
    expect(UNAUTHORIZED).toBe('Unauthorized');
  });
});
