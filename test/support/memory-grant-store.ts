import {
  GrantStateError,
  type AccessAuditEntry,
  type Application,
  type ApplicationStatus,
  type Decision,
  type Grant,
  type GrantStatus,
  type GrantStore,
} from '../../src/ports/grant-store.js';

/** The grant store in memory, with the same state rules as the DynamoDB one, for unit tests. */
export class MemoryGrantStore implements GrantStore {
  readonly applications = new Map<string, Application>();
  readonly grants = new Map<string, { grant: Grant; keyHash: string }>();
  readonly keys = new Map<string, string>();
  readonly audited: AccessAuditEntry[] = [];
  readonly counters = new Map<string, number>();

  async putApplication(application: Application): Promise<void> {
    if (this.applications.has(application.id)) throw new GrantStateError(`application ${application.id} exists`);
    this.applications.set(application.id, application);
  }

  async getApplication(id: string): Promise<Application | undefined> {
    return this.applications.get(id);
  }

  async listApplications(status?: ApplicationStatus): Promise<Application[]> {
    return [...this.applications.values()]
      .filter((a) => status === undefined || a.status === status)
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  async approve(applicationId: string, decision: Decision, grant: Grant, keyHash: string): Promise<void> {
    const application = this.pending(applicationId);
    this.applications.set(applicationId, { ...application, status: 'approved', decision, grantId: grant.id });
    this.grants.set(grant.id, { grant, keyHash });
    this.keys.set(keyHash, grant.id);
  }

  async reject(applicationId: string, decision: Decision): Promise<void> {
    this.applications.set(applicationId, { ...this.pending(applicationId), status: 'rejected', decision });
  }

  async getGrant(id: string): Promise<Grant | undefined> {
    return this.grants.get(id)?.grant;
  }

  async grantByKeyHash(keyHash: string): Promise<Grant | undefined> {
    const id = this.keys.get(keyHash);
    return id === undefined ? undefined : this.getGrant(id);
  }

  async grantForApplication(applicationId: string): Promise<Grant | undefined> {
    const id = this.applications.get(applicationId)?.grantId;
    return id === undefined ? undefined : this.getGrant(id);
  }

  async listGrants(status?: GrantStatus): Promise<Grant[]> {
    return [...this.grants.values()].map((g) => g.grant).filter((g) => status === undefined || g.status === status);
  }

  async revoke(grantId: string, decision: Decision): Promise<{ grant: Grant; keyHash: string }> {
    const stored = this.grants.get(grantId);
    if (stored?.grant.status !== 'active') throw new GrantStateError(`grant ${grantId} is not active (or does not exist)`);
    const grant: Grant = { ...stored.grant, status: 'revoked', revokedAt: decision.at, revokeReason: decision.reason ?? '' };
    this.grants.set(grantId, { grant, keyHash: stored.keyHash });
    return { grant, keyHash: stored.keyHash };
  }

  async record(entry: AccessAuditEntry): Promise<void> {
    this.audited.push(entry);
  }

  async trail(grantId: string, limit = 100): Promise<AccessAuditEntry[]> {
    return this.audited
      .filter((e) => e.grantId === grantId)
      .reverse()
      .slice(0, limit);
  }

  async countCall(keyId: string, chinaDay: string): Promise<number> {
    const key = `${keyId}#${chinaDay}`;
    const calls = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, calls);
    return calls;
  }

  private pending(applicationId: string): Application {
    const application = this.applications.get(applicationId);
    if (application?.status !== 'pending') throw new GrantStateError(`application ${applicationId} is not pending (or does not exist)`);
    return application;
  }
}
