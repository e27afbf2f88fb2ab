import type { DatasetConfig } from '../config/catalog.js';
import type { FeedLog } from '../ports/feed-log.js';
import type { GrantStore } from '../ports/grant-store.js';
import type { ObjectStreamReader } from '../ports/index.js';
import type { SigningKeys } from '../ports/signing-keys.js';
import type { ReleaseHistoryPage, ReleaseHistoryQuery } from '../ports/release-catalog.js';
import type { DatasetCategory, ReleasePointer } from '../publish/release.js';
import type { SearchService } from '../search/index.js';
import type { Caller, ReadServed } from './access.js';
import type { ErrorLogger } from './problem.js';
import type { RecordsReader } from './records/records-reader.js';

/**
 * What the open-data API reads the world through. The composition root (src/app/composition.ts)
 * wires the AWS adapters; tests give in-memory ones (test/support/api-deps.ts).
 */
export interface ApiDeps {
  readonly datasets: () => Promise<readonly DatasetConfig[]>;
  readonly latestRelease: (datasetId: string) => Promise<ReleasePointer | undefined>;
  /** A dataset's releases, newest first, a page at a time (the release catalog's history). */
  readonly releaseHistory: (datasetId: string, page?: ReleaseHistoryQuery) => Promise<ReleaseHistoryPage>;
  /** Where release files are read from, as a stream: a large file is never held whole. */
  readonly open: ObjectStreamReader;
  /** Rows of a release, filtered, searched, sorted and paged (DuckDB over the release's Parquet). */
  readonly records: RecordsReader;
  /** /v1/search: every released dataset's metadata and every open release's search segment (src/search). */
  readonly search: SearchService;
  /**
   * The origin every URL in a response is built on (`https://data.sx.gov.cn`, no trailing slash):
   * configured, never taken from the request's Host header.
   */
  readonly publicBaseUrl: string;
  /** A dataset's category from its fields' grades; grading's datasetCategory unless a test gives another. */
  readonly category?: (dataset: DatasetConfig) => DatasetCategory;
  /** Applications, grants, keys by hash, the audit trail of keyed calls and their daily counters. */
  readonly grants: GrantStore;
  /** Freshness and grant expiry are judged as of now. */
  readonly now?: () => Date;
  /** The feed signing keys, whose public halves /.well-known/jwks.json publishes. */
  readonly signingKeys: SigningKeys;
  /** Each feed's hash-chained log, whose heads /v1/feeds/{feed}/events serves; absent: that route answers 503. */
  readonly feedLog?: FeedLog;
  /**
   * Token buckets per caller, where the API itself must limit (the local runtime); unset behind
   * API Gateway, whose usage plans throttle instead.
   */
  readonly rateLimit?: RateLimits;
  /**
   * A time-limited URL of a release file in the bucket: downloads answer 302 to it (in AWS,
   * where API Gateway caps a response at about 6 MB). Absent: files are streamed (locally).
   */
  readonly presignDownload?: (key: string, options: { fileName: string; mediaType: string; expiresInSeconds: number }) => Promise<string>;
  /** Where internal failures are logged with their correlation id; the process logger by default. */
  readonly logger?: ErrorLogger;
}

/** A token bucket: `burst` requests at once, refilled at `ratePerSecond`. */
export interface TokenBucketRate {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** One bucket per anonymous client address and one per API key. */
export interface RateLimits {
  readonly anonymous: TokenBucketRate;
  readonly perKey: TokenBucketRate;
}

/** What middleware hands the routes on the request context. */
export interface ApiEnv {
  Variables: {
    /** Who is calling: anonymous, or the holder of a key bound to a grant (set by the caller middleware). */
    caller: Caller;
    /** What a keyed call was served (auditRead notes it; the caller middleware writes the audit entry). */
    served: readonly ReadServed[];
  };
}
