import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { redriveDeadLetters } from '../../aws/sqs-dead-letter-redrive.js';
import { SqsQueueStats } from '../../aws/sqs-queue-stats.js';
import { ConfigError } from '../../config/catalog.js';
import { resources } from '../../infra/resources.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const PIPELINE_QUEUES = resources.queues.map((q) => q.id);

/**
 * Puts what a pipeline queue's dead-letter queue holds back on the queue: a raw batch set
 * aside after maxReceiveCount failed receives (a process killed each time it held it, a
 * dependency down for longer than the retries) is normalized again once its cause is gone.
 * Nothing is redriven by itself: a message that fails for a reason of its own would loop.
 */
export const queuesRedriveCommand: CliCommand = {
  path: ['queues', 'redrive'],
  usage: `queues redrive <${PIPELINE_QUEUES.join('|')}>`,
  summary: "move what a pipeline queue's dead-letter queue holds back to the queue (a running stack's, or the deployed one's)",
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
    const [queueId] = positionals;
    if (positionals.length !== 1 || !queueId || !PIPELINE_QUEUES.includes(queueId))
      throw new ConfigError(`queues redrive: name one pipeline queue: ${PIPELINE_QUEUES.join(', ')}`);
    const app = connectToRunningStack(io.env);
    const queueUrl = app.config.resources.queue(queueId);
    const deadLetterUrl = await new SqsQueueStats(app.clients.sqs, app.config.env).deadLetterUrlOf(queueUrl);
    if (!deadLetterUrl) throw new ConfigError(`queue ${queueId} (${queueUrl}) names no dead-letter queue`);
    const { moved } = await redriveDeadLetters(app.clients.sqs, deadLetterUrl, queueUrl, randomUUID());
    io.say(`${moved} message(s) moved from ${deadLetterUrl} back to ${queueUrl}`);
    return 0;
  },
};
