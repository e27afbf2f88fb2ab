import type { QuarantineEntry } from '../quarantine/entry.js';
import type { RejectedFileRequest } from './request.js';

/** The quarantine entry of an unreadable file: keyed by its name, located by its key and line. */
export function rejectedFileEntry(request: RejectedFileRequest, recordType: string): QuarantineEntry {
  return {
    sourceId: request.sourceId,
    recordType,
    sourceKey: `file:${request.name}`,
    rawKey: request.key,
    index: request.line,
    errors: [
      {
        path: '',
        keyword: 'file',
        message: `file ${request.name} is unreadable${request.line > 0 ? ` at line ${request.line}` : ''}: ${request.reason}`,
        messageZh: `文件 ${request.name} 无法读取${request.line > 0 ? `（第 ${request.line} 行）` : ''}：${request.reason}`,
      },
    ],
    raw: JSON.stringify({ file: request.name, key: request.key, sha256: request.contentHash, line: request.line }),
    quarantinedAt: request.rejectedAt,
  };
}
