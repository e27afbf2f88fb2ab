import { describe, expect, it } from 'vitest';
import { BODY_BOUND_BYTES, headerSecrets, scrubbedExcerpt, scrubSecrets, urlSecrets } from '../../../src/util/scrub-secrets.js';

describe('scrubbing credentials out of upstream text', () => {
  it('masks a value the request sent wherever it appears, also URL-encoded', () => {
    const token = 'tk/9f+Qz==';
    const text = `echo: ${token}; again ${encodeURIComponent(token)}`;
    expect(scrubSecrets(text, [token])).toBe('echo: ***; again ***');
  });

  it('masks bearer and basic credentials, and leaves ordinary words after "Basic"', () => {
    expect(scrubSecrets('got Authorization: Bearer eyJhbGciOi.J9.x1')).toBe('got Authorization: ***');
    expect(scrubSecrets('header was Basic dXNlcjpodW50ZXIy')).toBe('header was Basic ***');
    expect(scrubSecrets('Basic information is missing')).toBe('Basic information is missing');
  });

  it('masks the password of a database URL and of a key=value connection string', () => {
    expect(scrubSecrets('connect postgres://etl:s3cr3t-pw@db.internal:5432/credit failed')).toBe('connect postgres://etl:***@db.internal:5432/credit failed');
    expect(scrubSecrets('host=db user=etl password=hunter22 dbname=x')).toBe('host=db user=etl password=*** dbname=x');
  });

  it('masks query parameters named like keys, tokens, signatures and passwords, and keeps the rest', () => {
    const url = 'https://api.example/v1/items?page=2&access_token=abc123&X-Amz-Signature=ff00&apiKey=k1&sig=zz&limit=10';
    expect(scrubSecrets(url)).toBe('https://api.example/v1/items?page=2&access_token=***&X-Amz-Signature=***&apiKey=***&sig=***&limit=10');
  });

  it('masks JSON fields named like secrets', () => {
    expect(scrubSecrets('{"error":"denied","token":"t-999","password": "pw", "user":"u"}')).toBe(
      '{"error":"denied","token":"***","password": "***", "user":"u"}',
    );
  });

  it('keeps a body within the bound as it is, and cuts a longer one saying so', () => {
    expect(scrubbedExcerpt('short error')).toBe('short error');
    const long = `${'x'.repeat(BODY_BOUND_BYTES + 500)}`;
    const excerpt = scrubbedExcerpt(new TextEncoder().encode(long));
    expect(excerpt.startsWith('x'.repeat(BODY_BOUND_BYTES))).toBe(true);
    expect(excerpt).toContain(`[truncated: ${BODY_BOUND_BYTES + 500} bytes in all, first ${BODY_BOUND_BYTES} shown]`);
    expect(excerpt.length).toBeLessThan(BODY_BOUND_BYTES + 100);
  });

  it('scrubs before cutting, so a secret across the cut leaves no part behind', () => {
    const secret = 'SECRETVALUE-0123456789';
    const body = `${'y'.repeat(BODY_BOUND_BYTES - 5)}${secret}${'z'.repeat(100)}`;
    expect(scrubbedExcerpt(body, [secret])).not.toContain('SECRE');
  });

  it('does not cut a multi-byte character in half', () => {
    const excerpt = scrubbedExcerpt('处'.repeat(BODY_BOUND_BYTES), [], 10);
    expect(excerpt.startsWith('处处处…')).toBe(true);
  });

  it("collects the secrets of a request's headers and URL", () => {
    expect(headerSecrets({ Authorization: 'Basic dXNlcjpodW50ZXIy', accept: 'application/json', 'X-Api-Key': 'k-1' })).toEqual([
      'Basic dXNlcjpodW50ZXIy',
      'dXNlcjpodW50ZXIy',
      'user:hunter2',
      'hunter2',
      'k-1',
    ]);
    expect(headerSecrets({ 'X-Department': 'abc' }, (name) => name === 'X-Department')).toEqual(['abc']);
    expect(urlSecrets(new URL('https://u:p%40ss@h/x?token=t1&page=2'))).toEqual(['p%40ss', 'p@ss', 't1']);
  });
});
