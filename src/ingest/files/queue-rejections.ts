import type { MessageSender } from '../../ports/index.js';
import type { RejectedFileRequest } from '../../normalize/request.js';
import type { FileRejections, RejectedFile } from './inbox.js';

/** Sends rejected files to normalize, which owns the quarantine. */
export class QueueFileRejections implements FileRejections {
  constructor(private readonly queue: MessageSender) {}

  async reject(file: RejectedFile): Promise<void> {
    const request: RejectedFileRequest = { kind: 'rejected-file', ...file };
    await this.queue.send([JSON.stringify(request)]);
  }
}
