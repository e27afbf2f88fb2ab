import { describe, expect, it } from 'vitest';
import { secretReferencesOf } from '../../../src/config/secret-refs.js';

describe('the SSM parameters and secrets sources reference', () => {
  it("finds each reference once, in any field, without a secret's #field, and ignores env references", () => {
    const sources = [
      { id: 'a', connection: { host: '${ssm:/db/host}', password: '${ssm:/db/password}', user: '${env:DB_USER}' } },
      { id: 'b', connection: { auth: { kind: 'bearer', token: '${secret:api-keys#permits}' }, headers: ['${secret:api-keys#other}', 'x-${ssm:/db/host}'] } },
    ];
    expect(secretReferencesOf(sources)).toEqual({ ssmParameters: ['/db/host', '/db/password'], secrets: ['api-keys'] });
  });

  it('finds none in sources that reference only the environment', () => {
    expect(secretReferencesOf([{ id: 'c', connection: { baseUrl: '${env:URL}' } }])).toEqual({ ssmParameters: [], secrets: [] });
  });
});
