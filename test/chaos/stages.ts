import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Stage } from './plan.js';

/** fauxqs keeps each S3 object as a file: a bucket's objects, counted as they become durable. */
function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

const RAW_OBJECTS = ['s3', 'buckets', 'tongyuan-raw', 'objects'];
/** DynamoDB Local's one database file (-sharedDb): it changes on every write. */
const DYNAMO_FILE = ['dynamodb', 'shared-local-instance.db'];

/** fauxqs's persisted queues, read beside it (WAL: a reader rarely waits for the emulator). */
class QueueProbe {
  private db: DatabaseSync | undefined;

  constructor(private readonly file: string) {}

  /** A count, or undefined while the database is missing or busy (fauxqs creating it, a checkpoint): asked again at the next poll. */
  private count(sql: string, ...params: (string | number)[]): number | undefined {
    try {
      if (!this.db && existsSync(this.file)) this.db = new DatabaseSync(this.file, { readOnly: true, timeout: 200 });
      return (this.db?.prepare(sql).get(...params) as { n: number } | undefined)?.n;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_SQLITE_ERROR') return undefined;
      throw error;
    }
  }

  /** Messages of `queue` received by the runtime and not yet deleted: its function is at work on them. */
  inFlight(queue: string): number {
    return this.count('SELECT count(*) AS n FROM sqs_messages WHERE queue_name = ? AND visibility_deadline > ?', queue, Date.now()) ?? 0;
  }

  /** Messages held in the subscribers' queues (no one consumes them during the runs): grows while the route fans out. */
  subscriberMessages(): number | undefined {
    return this.count(
      "SELECT count(*) AS n FROM sqs_messages WHERE queue_name LIKE 'tongyuan-feed-%' AND queue_name NOT LIKE '%-dlq%' AND queue_name NOT LIKE 'tongyuan-feed-receipts%'",
    );
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

export interface StageWatch {
  /** Polled: true once the run is inside the stage. */
  reached(): boolean;
  close(): void;
}

/**
 * Says when a run is inside `stage`, from its state directory; made before the run starts,
 * so what the directory held before does not count:
 * - pull: a new raw batch is durable in the raw zone (the pull reads on, its checkpoint follows);
 * - normalize: a raw batch's message is in flight on the normalize queue (being mapped and stored);
 * - ssot-write: DynamoDB Local's database changed while a normalize message is in flight (its SSOT writes);
 * - publish: a message is in flight on the publish queue (a release being built and written);
 * - fan-out: a new message reached a subscriber's queue (the route publishing a change's events).
 */
export function watchStage(stage: Stage, home: string): StageWatch {
  const probe = new QueueProbe(join(home, 'fauxqs', 'fauxqs.db'));
  const rawDir = join(home, ...RAW_OBJECTS);
  const dynamoFile = join(home, ...DYNAMO_FILE);
  const modified = () => (existsSync(dynamoFile) ? statSync(dynamoFile).mtimeMs : 0);
  const rawBefore = countFiles(rawDir);
  // Read before the run starts, when nothing writes the database; a missing one (the first run) holds none.
  const subscribersBefore = probe.subscriberMessages() ?? 0;
  let normalizingSince: number | undefined;
  const tests: Record<Stage, () => boolean> = {
    pull: () => countFiles(rawDir) > rawBefore,
    normalize: () => probe.inFlight('tongyuan-normalize') > 0,
    'ssot-write': () => {
      if (probe.inFlight('tongyuan-normalize') === 0) return false;
      normalizingSince ??= modified();
      return modified() > normalizingSince;
    },
    publish: () => probe.inFlight('tongyuan-publish') > 0,
    'fan-out': () => (probe.subscriberMessages() ?? 0) > subscribersBefore,
  };
  return { reached: tests[stage], close: () => probe.close() };
}
