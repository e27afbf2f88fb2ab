import type { MessageSender } from '../../ports/index.js';
import type { RejectedFileRequest } from '../../normalize/request.js';
import { boundedReason } from './file-reason.js';
import type { FileRejections, RejectedFile } from './inbox.js';

/** Far below SQS's 256 KiB per message (and its 1 MiB per batch): file names are short, reasons bounded. */
export const MAX_REJECTION_MESSAGE_BYTES = 16 * 1024;

/** The request as sent: reasons bounded again (whoever built it), and the whole message within its limit. */
export function rejectionMessage(file: RejectedFile): string {
  const reason = boundedReason({ zh: file.reasonZh ?? '', en: file.reason });
  const request: RejectedFileRequest = { kind: 'rejected-file', ...file, reason: reason.en, ...(file.reasonZh === undefined ? {} : { reasonZh: reason.zh }) };
  const body = JSON.stringify(request);
  if (Buffer.byteLength(body, 'utf8') > MAX_REJECTION_MESSAGE_BYTES)
    throw new Error(`rejected-file message for ${file.name.slice(0, 200)} exceeds ${MAX_REJECTION_MESSAGE_BYTES} bytes`);
  return body;
}

/** Sends set-aside files to normalize, which owns the quarantine. */
export class QueueFileRejections implements FileRejections {
  constructor(private readonly queue: MessageSender) {}

  async reject(file: RejectedFile): Promise<void> {
    await this.queue.send([rejectionMessage(file)]);
  }
}
