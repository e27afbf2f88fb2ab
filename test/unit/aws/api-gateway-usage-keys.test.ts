import {
  APIGatewayClient,
  ConflictException,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiGatewayUsagePlanKeys, GRANT_KEY_NAME_PREFIX, usagePlanIdNamed } from '../../../src/aws/api-gateway-usage-keys.js';
import type { Grant } from '../../../src/ports/grant-store.js';

const client = new APIGatewayClient({ region: 'cn-north-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const mock = mockClient(client);
const HASH = 'a'.repeat(64);
const PLAN = 'plan-granted';
const grant: Grant = {
  id: 'g-7',
  applicationId: 'a-7',
  datasetId: 'enforcement-decisions',
  fields: ['decisionNumber'],
  maskingProfile: 'standard',
  expiresAt: '2027-06-30T00:00:00Z',
  status: 'active',
  quotaPerDay: 500,
  keyId: '0123456789abcdef',
  createdAt: '2026-11-01T00:00:00Z',
};
const keys = new ApiGatewayUsagePlanKeys(client, PLAN);

beforeEach(() => mock.reset());

describe('enabling a grant key at the gateway', () => {
  it('creates an enabled key whose value is the hash and adds it to the granted plan', async () => {
    mock.on(GetApiKeysCommand).resolves({ items: [{ id: 'k-other', value: 'b'.repeat(64), enabled: true }] });
    mock.on(CreateApiKeyCommand).resolves({ id: 'k-new' });
    mock.on(CreateUsagePlanKeyCommand).resolves({});
    await keys.enable(HASH, grant);
    expect(mock.commandCalls(GetApiKeysCommand)[0]!.args[0].input).toMatchObject({ nameQuery: GRANT_KEY_NAME_PREFIX, includeValues: true });
    expect(mock.commandCalls(CreateApiKeyCommand)[0]!.args[0].input).toMatchObject({ name: `${GRANT_KEY_NAME_PREFIX}g-7`, value: HASH, enabled: true });
    expect(mock.commandCalls(CreateUsagePlanKeyCommand)[0]!.args[0].input).toEqual({ usagePlanId: PLAN, keyId: 'k-new', keyType: 'API_KEY' });
  });

  it('re-enables a key already there, on a later page, and tolerates its being in the plan already', async () => {
    mock
      .on(GetApiKeysCommand, { position: undefined })
      .resolves({ items: [], position: 'page-2' })
      .on(GetApiKeysCommand, { position: 'page-2' })
      .resolves({ items: [{ id: 'k-old', value: HASH, enabled: false }] });
    mock.on(UpdateApiKeyCommand).resolves({});
    mock.on(CreateUsagePlanKeyCommand).rejects(new ConflictException({ message: 'already in plan', $metadata: {} }));
    await keys.enable(HASH, grant);
    expect(mock.commandCalls(CreateApiKeyCommand)).toHaveLength(0);
    expect(mock.commandCalls(UpdateApiKeyCommand)[0]!.args[0].input).toEqual({
      apiKey: 'k-old',
      patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }],
    });
  });

  it('passes on other failures of adding to the plan', async () => {
    mock.on(GetApiKeysCommand).resolves({ items: [] });
    mock.on(CreateApiKeyCommand).resolves({ id: 'k-new' });
    mock.on(CreateUsagePlanKeyCommand).rejects(new Error('AccessDenied'));
    await expect(keys.enable(HASH, grant)).rejects.toThrow('AccessDenied');
  });

  it('refuses a value that is not a sha256 hex, naming the parameter', async () => {
    await expect(keys.enable('ty_0123456789abcdef_secret', grant)).rejects.toThrow(/keyHash must be a sha256/);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('disabling a grant key at the gateway', () => {
  it('disables the key with that value and keeps it', async () => {
    mock.on(GetApiKeysCommand).resolves({ items: [{ id: 'k-7', value: HASH, enabled: true }] });
    mock.on(UpdateApiKeyCommand).resolves({});
    await keys.disable(HASH);
    expect(mock.commandCalls(UpdateApiKeyCommand)[0]!.args[0].input).toEqual({
      apiKey: 'k-7',
      patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }],
    });
  });

  it('does nothing for a key never enabled or already disabled', async () => {
    mock.on(GetApiKeysCommand).resolves({ items: [{ id: 'k-7', value: HASH, enabled: false }] });
    await keys.disable(HASH);
    await keys.disable('c'.repeat(64));
    expect(mock.commandCalls(UpdateApiKeyCommand)).toHaveLength(0);
  });
});

describe('finding the granted plan by name', () => {
  it('answers the id of the one plan with that name', async () => {
    mock.on(GetUsagePlansCommand).resolves({
      items: [
        { id: 'p-1', name: 'Tongyuan-anonymous' },
        { id: 'p-2', name: 'Tongyuan-granted' },
      ],
    });
    expect(await usagePlanIdNamed(client, 'Tongyuan-granted')).toBe('p-2');
  });

  it('fails when none or several have it', async () => {
    mock.on(GetUsagePlansCommand).resolves({ items: [{ id: 'p-1', name: 'Tongyuan-anonymous' }] });
    await expect(usagePlanIdNamed(client, 'Tongyuan-granted')).rejects.toThrow('expected one usage plan named Tongyuan-granted, found 0');
  });
});
