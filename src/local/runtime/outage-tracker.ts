/**
 * Tells a dependency that is down (an emulator killed, a connection refused) from a handler or
 * data error, paces the retries, and says what happened once per change of state rather than once
 * per retry. Pure: the clock and the randomness are passed in.
 */

/** Socket-level codes of a dependency that is not answering (Node's `code`, also inside an SDK error's `cause`). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'EAI_AGAIN']);
/** Error names the AWS SDK (smithy's HTTP handler) gives a request that timed out or whose socket was cut. */
const UNREACHABLE_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
  readonly recordErrors?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly $fault?: unknown;
}

/**
 * True when `error` says the dependency could not be reached: a refused, reset or timed-out
 * connection, a request aborted on its timeout, or a 5xx answer from an emulator. The cause chain
 * is followed (adapters wrap errors), as are the errors an AggregateError or a batch processor
 * collected. Anything else is the handler's or the data's: a 4xx answer, a validation error.
 */
export function isDependencyUnreachable(error: unknown, depth = 0): boolean {
  if (depth > 8 || typeof error !== 'object' || error === null) return false;
  const e = error as ErrorShape;
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && UNREACHABLE_NAMES.has(e.name)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (/socket hang up|\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH)\b/.test(message)) return true;
  // An AbortError counts only when a timeout aborted it; an abort we asked for (stopping) is not an outage.
  if (e.name === 'AbortError' && /time(d)? ?out/i.test(message)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500 && status <= 599) return true;
  if (isDependencyUnreachable(e.cause, depth + 1)) return true;
  // A batch in which every record failed is thrown as one error carrying each record's error.
  for (const list of [e.errors, e.recordErrors]) {
    if (Array.isArray(list) && list.length > 0 && list.every((inner) => isDependencyUnreachable(inner, depth + 1))) return true;
  }
  return false;
}

export interface Backoff {
  /** The first wait. */
  readonly firstMs: number;
  /** No wait is longer, however long the outage. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 250, maxMs: 30_000 };

/**
 * The wait before retry number `attempt` (1 for the first retry): doubling from `firstMs`, capped
 * at `maxMs`, with "equal jitter" (half fixed, half random) so that loops that failed together do
 * not all retry in the same millisecond.
 */
export function backoffMs(attempt: number, random: () => number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export type OutageReport =
  | { readonly state: 'down'; readonly dependency: string; readonly error: string }
  | { readonly state: 'still down'; readonly dependency: string; readonly error: string; readonly attempts: number; readonly downForMs: number }
  | { readonly state: 'back'; readonly dependency: string; readonly attempts: number; readonly downForMs: number };

export interface OutageTrackerOptions {
  /** What is down, in the words an operator reads ("DynamoDB Local"). */
  readonly dependency: string;
  readonly report: (report: OutageReport) => void;
  readonly backoff?: Backoff;
  /** "still down" is said once, after this many failed attempts or this long down, whichever comes first. */
  readonly stillDownAfter?: { readonly attempts: number; readonly ms: number };
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * The state of one dependency as its callers see it: up until a failure, then down until a
 * success. Each change is reported once ("down", then "still down" once, then "back"), however
 * many attempts fail in between; `failed` answers how long to wait before the next attempt.
 */
export class OutageTracker {
  private downSince: number | undefined;
  private attempts = 0;
  private saidStillDown = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: OutageTrackerOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get down(): boolean {
    return this.downSince !== undefined;
  }

  /** Records a failed attempt; answers the wait before the next one. */
  failed(error: unknown): number {
    const { dependency, report } = this.options;
    const message = describe(error);
    this.attempts += 1;
    if (this.downSince === undefined) {
      this.downSince = this.now();
      this.saidStillDown = false;
      report({ state: 'down', dependency, error: message });
    } else if (!this.saidStillDown) {
      const { attempts, ms } = this.options.stillDownAfter ?? { attempts: 20, ms: 60_000 };
      const downForMs = this.now() - this.downSince;
      if (this.attempts >= attempts || downForMs >= ms) {
        this.saidStillDown = true;
        report({ state: 'still down', dependency, error: message, attempts: this.attempts, downForMs });
      }
    }
    return backoffMs(this.attempts, this.random, this.options.backoff);
  }

  /** Records a successful attempt: "back" if it was down. */
  succeeded(): void {
    if (this.downSince === undefined) return;
    const report: OutageReport = { state: 'back', dependency: this.options.dependency, attempts: this.attempts, downForMs: this.now() - this.downSince };
    this.downSince = undefined;
    this.attempts = 0;
    this.options.report(report);
  }
}

/** The line an operator reads for a report. */
export function outageLine(report: OutageReport): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  switch (report.state) {
    case 'down':
      return `${report.dependency} is unreachable (${report.error}); retrying with backoff`;
    case 'still down':
      return `${report.dependency} is still unreachable after ${report.attempts} attempts over ${seconds(report.downForMs)} (${report.error}); still retrying`;
    case 'back':
      return `${report.dependency} is reachable again after ${seconds(report.downForMs)} (${report.attempts} failed attempts)`;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || error.message.includes(code)) return error.message || error.name;
  return error.message ? `${code}: ${error.message}` : code;
}
