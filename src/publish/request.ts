/** Why a publish request was sent: a source run finished, or records changed (the route stage, an operator). */
export type PublishTrigger = 'run-complete' | 'change';

/** What asks publishing for a release of a dataset: the end of a source run, the route stage, an operator. */
export interface PublishRequest {
  readonly kind: 'publish-dataset';
  readonly datasetId: string;
  /** For a change: when the newest change it announces was stored; a release cut after it covers it. */
  readonly requestedAt: string;
  /** Absent in older messages: treated as a change. */
  readonly trigger?: PublishTrigger;
  /** The source run whose completion sent it (run-complete only). */
  readonly runId?: string;
  /**
   * Set on the follow-up of a provisional release: the release a final one is to supersede once
   * the pipeline settles (for the logs; the request is served as a change made when it was cut).
   */
  readonly supersedes?: string;
  /** How many times this request has failed and was sent again (absent: never). */
  readonly attempt?: number;
}
