import {
  ConflictException,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
  type APIGatewayClient,
  type ApiKey,
} from '@aws-sdk/client-api-gateway';
import type { Grant, UsagePlanKeys } from '../ports/grant-store.js';

/**
 * API Gateway's side of approving and revoking a grant (the UsagePlanKeys port of
 * src/ports/grant-store.ts): the key that the authorizer names for a grant holder, in the
 * `granted` usage plan. Same shape as the port, so it is bound wherever the port is asked for.
 */

/** Every API key this adapter creates is named with this prefix, so lookups leave other keys alone. */
export const GRANT_KEY_NAME_PREFIX = 'tongyuan-grant-';
const PAGE_SIZE = 500;

/**
 * One API Gateway API key per grant, whose value is sha256(the grant's API key): the value the
 * authorizer returns as `usageIdentifierKey`. The client's key itself never reaches AWS.
 *
 * Revoking disables the key rather than deleting it: a disabled key still stops every request
 * at the gateway, while its usage history in the plan (GetUsage) stays for the audit, and a
 * second revoke, or an approve after a partial failure, finds it again.
 *
 * Runs in the operator's CLI, with credentials allowed `apigateway:GET` on `/apikeys` and
 * `/usageplans`, `apigateway:POST` on `/apikeys` and `/usageplans/<granted plan id>/keys`, and
 * `apigateway:PATCH` on `/apikeys/*`.
 */
export class ApiGatewayUsagePlanKeys implements UsagePlanKeys {
  constructor(
    private readonly client: APIGatewayClient,
    /** The id of the `granted` usage plan (the stack's GrantedUsagePlanId output, or `usagePlanIdNamed`). */
    private readonly grantedUsagePlanId: string,
  ) {
    if (grantedUsagePlanId.trim() === '') throw new Error('grantedUsagePlanId must not be empty');
  }

  async enable(keyHash: string, grant: Grant): Promise<void> {
    checkKeyHash(keyHash);
    const existing = await this.keyWithValue(keyHash);
    let keyId: string;
    if (existing) {
      keyId = existing.id!;
      if (!existing.enabled) await this.setEnabled(keyId, true);
    } else {
      const created = await this.client.send(
        new CreateApiKeyCommand({
          name: `${GRANT_KEY_NAME_PREFIX}${grant.id}`,
          description: `Grant ${grant.id} of application ${grant.applicationId} to dataset ${grant.datasetId}, until ${grant.expiresAt}`,
          value: keyHash,
          enabled: true,
        }),
      );
      if (!created.id) throw new Error(`API Gateway created the key of grant ${grant.id} without an id`);
      keyId = created.id;
    }
    try {
      await this.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: this.grantedUsagePlanId, keyId, keyType: 'API_KEY' }));
    } catch (error) {
      // Already in the plan: an approval that is run again, or one that failed after this step.
      if (!(error instanceof ConflictException)) throw error;
    }
  }

  async disable(keyHash: string): Promise<void> {
    checkKeyHash(keyHash);
    const existing = await this.keyWithValue(keyHash);
    // No key: the grant was never enabled at the gateway, so nothing there can admit it.
    if (existing?.enabled) await this.setEnabled(existing.id!, false);
  }

  private async setEnabled(keyId: string, enabled: boolean): Promise<void> {
    await this.client.send(new UpdateApiKeyCommand({ apiKey: keyId, patchOperations: [{ op: 'replace', path: '/enabled', value: String(enabled) }] }));
  }

  /** API Gateway looks keys up by id or name only; a grant's key is found by its value among this adapter's keys. */
  private async keyWithValue(value: string): Promise<ApiKey | undefined> {
    let position: string | undefined;
    do {
      const page = await this.client.send(new GetApiKeysCommand({ nameQuery: GRANT_KEY_NAME_PREFIX, includeValues: true, limit: PAGE_SIZE, position }));
      const found = page.items?.find((key) => key.value === value);
      if (found) return found;
      position = page.position;
    } while (position);
    return undefined;
  }
}

/** The id of the usage plan named `name` (the stack names its plans `<stack>-anonymous` and `<stack>-granted`). */
export async function usagePlanIdNamed(client: APIGatewayClient, name: string): Promise<string> {
  let position: string | undefined;
  const matches: string[] = [];
  do {
    const page = await client.send(new GetUsagePlansCommand({ limit: PAGE_SIZE, position }));
    for (const plan of page.items ?? []) if (plan.name === name && plan.id) matches.push(plan.id);
    position = page.position;
  } while (position);
  if (matches.length !== 1) throw new Error(`expected one usage plan named ${name}, found ${matches.length}`);
  return matches[0]!;
}

function checkKeyHash(keyHash: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHash)) throw new Error(`keyHash must be a sha256 in lowercase hex (64 characters), got ${keyHash.length} characters`);
}
