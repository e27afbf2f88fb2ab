import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { testApiDeps } from '../../support/api-deps.js';

const app = createApi(testApiDeps());

describe('CKAN actions refused before they run answer in CKAN’s envelope', () => {
  it('a malformed key is a 401 Authorization Error, not a problem document', async () => {
    const response = await app.request('/api/3/action/status_show', { headers: { 'x-api-key': 'not-a-key' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as { help: string; success: boolean; error: { __type: string; message: string } };
    expect(body.success).toBe(false);
    expect(body.help).toBe('https://data.example/api/3/action/help_show?name=status_show');
    expect(body.error.__type).toBe('Authorization Error');
    expect(body.error.message).toMatch(/^Access denied: /);
  });

  it('other routes keep RFC 9457 problems for the same refusal', async () => {
    const response = await app.request('/v1/datasets', { headers: { 'x-api-key': 'not-a-key' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
