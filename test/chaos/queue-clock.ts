import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * After a kill -9 the messages the runtime had received stay in flight, in fauxqs's persisted
 * state, until their visibility timeout (6 minutes for normalize, 30 for publish), as in SQS.
 * A harness that waited that long would fit a handful of faults in its time: with the stack
 * down, it moves those deadlines to now, as if the timeout had passed, and the messages come
 * back with their receive counts, exactly as SQS would hand them back later. Returns how many.
 */
export function expireInFlightMessages(home: string, now: number = Date.now()): number {
  const file = join(home, 'fauxqs', 'fauxqs.db');
  if (!existsSync(file)) return 0;
  const db = new DatabaseSync(file);
  try {
    const { changes } = db.prepare('UPDATE sqs_messages SET visibility_deadline = ? WHERE visibility_deadline > ?').run(now - 1, now);
    return Number(changes);
  } finally {
    db.close();
  }
}
