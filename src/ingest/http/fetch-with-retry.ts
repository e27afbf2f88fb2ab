import type { Clock } from '../../ports/index.js';
import { SourceError } from '../source-error.js';
import { headerSecrets, scrubbedExcerpt, scrubSecrets, urlSecrets } from '../../util/scrub-secrets.js';
import type { RateLimiter } from './rate-limiter.js';

export interface RetryPolicy {
  readonly sourceId: string;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly requestsPerSecond?: number;
  /** The source's auth headers, filled from secret references: every value is kept out of errors. */
  readonly headers: Readonly<Record<string, string>>;
}

/** What a request carried that must not be repeated in an error: its header values and its URL's credentials. */
export function requestSecrets(url: URL, policy: RetryPolicy): string[] {
  return [...headerSecrets(policy.headers, () => true), ...urlSecrets(url)];
}

export interface HttpDeps {
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly limiter: RateLimiter;
  readonly random: () => number;
  /** An HTTP-date Retry-After is measured from now. */
  readonly clock: Clock;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
/** A hostile or mistaken Retry-After must not stall a sync for hours. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** fetch says only "fetch failed"; its cause names what happened (ECONNREFUSED), which the operator and the outage detection need. */
function withCauseCode(error: Error): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(200 * 2 ** (attempt - 1), 10_000);
  return base / 2 + random() * (base / 2);
}

export interface FetchedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
  readonly attempts: number;
}

/**
 * GET with a timeout per attempt, retries on 429/5xx and network errors (honouring
 * Retry-After) and the source's rate limit before every attempt. Errors name the source and URL;
 * the request's credentials are masked in both, and an error body is cut to a bound.
 */
export async function fetchWithRetry(url: URL, policy: RetryPolicy, deps: HttpDeps): Promise<FetchedResponse> {
  const secrets = requestSecrets(url, policy);
  const shown = scrubSecrets(url.href, secrets);
  for (let attempt = 1; ; attempt++) {
    await deps.limiter.take(policy.sourceId, policy.requestsPerSecond);
    let response: Response;
    let body: Uint8Array;
    try {
      response = await deps.fetch(url, { headers: { accept: 'application/json', ...policy.headers }, signal: AbortSignal.timeout(policy.timeoutMs) });
      if (RETRYABLE.has(response.status) && attempt < policy.maxAttempts) {
        await response.body?.cancel();
        await deps.sleep(retryAfterMs(response.headers.get('retry-after'), deps.clock.now().getTime()) ?? backoffMs(attempt, deps.random));
        continue;
      }
      // Read here: a connection that breaks off or times out mid-body is retried like one that failed to open.
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${policy.timeoutMs} ms` : scrubSecrets(withCauseCode(error as Error), secrets);
      if (attempt >= policy.maxAttempts) throw new SourceError(`source ${policy.sourceId}: ${shown} failed after ${attempt} attempts: ${reason}`);
      await deps.sleep(backoffMs(attempt, deps.random));
      continue;
    }
    if (!response.ok) {
      const excerpt = scrubbedExcerpt(body, secrets);
      throw new SourceError(`source ${policy.sourceId}: ${shown} answered HTTP ${response.status} after ${attempt} attempt(s): ${excerpt}`);
    }
    return { status: response.status, headers: response.headers, body, attempts: attempt };
  }
}
