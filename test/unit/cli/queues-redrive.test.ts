import { describe, expect, it } from 'vitest';
import { queuesRedriveCommand } from '../../../src/cli/commands/queues.js';
import { ConfigError } from '../../../src/config/catalog.js';

const io = { env: {}, out: () => undefined, say: () => undefined };

describe('`tongyuan queues redrive`', () => {
  it.each([[[]], [['normalize', 'publish']], [['feed-open-portal']], [['../normalize']]])('refuses %j: one pipeline queue, named', async (args) => {
    const refusal = queuesRedriveCommand.run(args, io);
    await expect(refusal).rejects.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow('name one pipeline queue: normalize, publish, feed-receipts');
  });

  it('looks for a running stack once the queue is one of the pipeline', async () => {
    await expect(queuesRedriveCommand.run(['normalize'], { ...io, env: { TONGYUAN_HOME: '/nonexistent-tongyuan-home' } })).rejects.toThrow(
      /stack|running|endpoints/i,
    );
  });
});
