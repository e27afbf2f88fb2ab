/**
 * 受限开放 (restricted) access: an application is reviewed by an operator; an approved one
 * becomes a grant bound to one dataset, its fields, a masking profile, an expiry and a quota,
 * reached through an API key that is stored only as its hash.
 */

/** Who asks for access. Personal data: never served back by the API. */
export interface Applicant {
  readonly name: string;
  readonly organization: string;
  readonly email: string;
  readonly phone?: string;
}

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

/** An operator's decision on an application (or on a grant, when revoking it). */
export interface Decision {
  /** Who decided (the operator's name as the CLI was given it, or the OS user). */
  readonly by: string;
  /** ISO instant. */
  readonly at: string;
  readonly reason?: string;
}

export interface Application {
  readonly id: string;
  readonly applicant: Applicant;
  readonly datasetId: string;
  /** Released field ids of a restricted dataset, in the dataset's order. */
  readonly fields: readonly string[];
  /** 使用场景: what the data is for. */
  readonly useScenario: string;
  /** The period of use, China calendar dates (YYYY-MM-DD), `to` included. */
  readonly period: { readonly from: string; readonly to: string };
  /** ISO instant. */
  readonly submittedAt: string;
  readonly status: ApplicationStatus;
  readonly decision?: Decision;
  /** Set on approval: the grant it became. */
  readonly grantId?: string;
}

export type GrantStatus = 'active' | 'revoked';

export interface Grant {
  readonly id: string;
  readonly applicationId: string;
  readonly datasetId: string;
  /** Field ids the grant allows (a subset of the dataset's released fields). */
  readonly fields: readonly string[];
  /** The masking the grant's rows carry; the release's own masking is the least any grant gets. */
  readonly maskingProfile: 'standard';
  /** ISO instant after which the key is refused (the end of the period's last China day). */
  readonly expiresAt: string;
  readonly status: GrantStatus;
  /** Requests per China calendar day the key may make. */
  readonly quotaPerDay: number;
  /** The key's public id (the 16 hex digits in `ty_<keyId>_<secret>`), as audited. */
  readonly keyId: string;
  /** ISO instant. */
  readonly createdAt: string;
  readonly revokedAt?: string;
  readonly revokeReason?: string;
}

/** One call made with a key, as the audit trail keeps it. */
export interface AccessAuditEntry {
  readonly keyId: string;
  readonly grantId: string;
  /** The dataset whose rows were served; absent when the call served none (metadata, a refusal). */
  readonly datasetId?: string;
  /** The route that answered (`records`, `download`, …, or the request path). */
  readonly route: string;
  /** The fields served (empty when no rows were). */
  readonly fields: readonly string[];
  readonly rows: number;
  /** ISO instant of the call. */
  readonly at: string;
  /** The HTTP status answered. */
  readonly status: number;
}

/** Applications, grants and the keys that reach them. */
export interface GrantRecords {
  /** Stores a new application; fails if the id is taken. */
  putApplication(application: Application): Promise<void>;
  getApplication(id: string): Promise<Application | undefined>;
  /** Oldest first. */
  listApplications(status?: ApplicationStatus): Promise<Application[]>;
  /**
   * Approves a pending application in one step: the application turns approved, the grant and
   * its key's hash are stored. Throws GrantStateError when the application is not pending.
   */
  approve(applicationId: string, decision: Decision, grant: Grant, keyHash: string): Promise<void>;
  /** Throws GrantStateError when the application is not pending. */
  reject(applicationId: string, decision: Decision): Promise<void>;
  getGrant(id: string): Promise<Grant | undefined>;
  /** The grant a key (by the sha256 hex of the whole key) reaches. */
  grantByKeyHash(keyHash: string): Promise<Grant | undefined>;
  grantForApplication(applicationId: string): Promise<Grant | undefined>;
  /** Oldest first. */
  listGrants(status?: GrantStatus): Promise<Grant[]>;
  /** Revokes an active grant and returns it with its key's hash; throws GrantStateError when it is not active. */
  revoke(grantId: string, decision: Decision): Promise<{ readonly grant: Grant; readonly keyHash: string }>;
}

/** The audit trail of keyed calls, and the daily call counter their quota is checked against. */
export interface AccessAuditLog {
  record(entry: AccessAuditEntry): Promise<void>;
  /** A grant's calls, newest first. */
  trail(grantId: string, limit?: number): Promise<AccessAuditEntry[]>;
  /** Counts one call of a key on a China calendar day (YYYY-MM-DD), atomically; returns the day's count so far. */
  countCall(keyId: string, chinaDay: string): Promise<number>;
}

export interface GrantStore extends GrantRecords, AccessAuditLog {}

/** An application or grant is not in the state an operation needs (approving a decided application, revoking a revoked grant). */
export class GrantStateError extends Error {
  override readonly name = 'GrantStateError';
}

/**
 * API Gateway's usage plan membership of granted keys: approval adds the key (its sha256 hex
 * is the API key value the authorizer returns as usageIdentifierKey), revocation removes it.
 */
export interface UsagePlanKeys {
  enable(keyHash: string, grant: Grant): Promise<void>;
  disable(keyHash: string): Promise<void>;
}
