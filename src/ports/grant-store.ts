/**
 * 受限开放 (restricted) access: an application is reviewed by an operator; an approved one
 * becomes a grant bound to one dataset, its fields, a masking profile, an expiry and a quota,
 * reached through an API key that is stored only as its hash.
 */
export interface Grant {
  readonly id: string;
  readonly applicationId: string;
  readonly datasetId: string;
  /** Field ids the grant allows (a subset of the dataset's released fields). */
  readonly fields: readonly string[];
  /** The masking the grant's rows carry; the release's own masking is the least any grant gets. */
  readonly maskingProfile: 'standard';
  /** ISO instant after which the key is refused. */
  readonly expiresAt: string;
  readonly status: 'active' | 'revoked';
  /** Requests per day the key may make. */
  readonly quotaPerDay: number;
}
