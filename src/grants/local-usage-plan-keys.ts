import type { Grant, UsagePlanKeys } from '../ports/grant-store.js';

/**
 * Usage-plan membership on the local runtime: nothing to record. Locally there is no API
 * Gateway; the in-process token bucket and the daily quota read the grant itself (its status,
 * expiry and quotaPerDay) on each call, so approving or revoking a grant in the store is all it
 * takes. In AWS the API Gateway adapter adds and removes the key from the `granted` plan.
 */
export class LocalUsagePlanKeys implements UsagePlanKeys {
  async enable(keyHash: string, grant: Grant): Promise<void> {
    void keyHash;
    void grant;
  }

  async disable(keyHash: string): Promise<void> {
    void keyHash;
  }
}
