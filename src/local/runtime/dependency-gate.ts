import { isDependencyUnreachable, outageLine, OutageTracker, type Backoff, type OutageReport } from './outage-tracker.js';
import { WakeableSleep } from './wakeable-sleep.js';

export interface DependencyGateOptions {
  /** What is behind the gate, as an operator names it ("DynamoDB Local"). */
  readonly dependency: string;
  /** One cheap request to the dependency: resolves when it answers. */
  readonly probe: () => Promise<unknown>;
  /** Where the state changes are said (once each). */
  readonly say: (line: string, report: OutageReport) => void;
  readonly backoff?: Backoff;
}

/**
 * One dependency shared by every loop of the runtime. A loop that fails asks the gate whether
 * the dependency is down; the gate confirms with a probe of its own, and while it is down a
 * single probe loop (with backoff) finds when it is back, so the state changes come from one
 * place and are said once each, however many loops wait.
 */
export class DependencyGate {
  private readonly tracker: OutageTracker;
  private recovering: Promise<void> | undefined;
  private stopped = false;
  private readonly pause = new WakeableSleep();
  /** Outages seen so far: a caller compares before and after some work to learn whether one happened in between. */
  outages = 0;

  constructor(private readonly options: DependencyGateOptions) {
    this.tracker = new OutageTracker({
      dependency: options.dependency,
      backoff: options.backoff,
      report: (report) => options.say(outageLine(report), report),
    });
  }

  get down(): boolean {
    return this.recovering !== undefined;
  }

  /**
   * Whether a failure was the dependency's: true when it is (or, asked by a probe, turns out to
   * be) unreachable; then `whenUp` waits for its return. An error that does not look like an
   * outage is still checked when `error` is undefined (a handler that reported failures without
   * throwing may have caught an outage).
   */
  async confirmOutage(error?: unknown): Promise<boolean> {
    if (this.stopped) return false;
    if (this.recovering) return true;
    if (error !== undefined && !isDependencyUnreachable(error)) return false;
    try {
      await this.options.probe();
      return false;
    } catch (probeError) {
      if (!isDependencyUnreachable(probeError)) return false;
      if (!this.recovering) this.startRecovery(probeError);
      return true;
    }
  }

  /** Resolves once the dependency answers again (at once when it is up), or when the gate stops. */
  async whenUp(): Promise<void> {
    await this.recovering;
  }

  stop(): void {
    this.stopped = true;
    this.pause.wake();
  }

  /**
   * News that the dependency may be back (its supervisor restarted it): the probe loop looks at
   * once instead of sleeping out a backoff that may have grown to its cap.
   */
  nudge(): void {
    this.pause.wake();
  }

  private startRecovery(firstError: unknown): void {
    this.outages += 1;
    let wait = this.tracker.failed(firstError);
    this.recovering = (async () => {
      while (!this.stopped) {
        await this.pause.sleep(wait);
        if (this.stopped) break;
        try {
          await this.options.probe();
          this.tracker.succeeded();
          break;
        } catch (error) {
          wait = this.tracker.failed(error);
        }
      }
      this.recovering = undefined;
    })();
  }
}
