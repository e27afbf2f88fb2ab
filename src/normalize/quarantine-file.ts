import type { QuarantineEntry } from '../quarantine/entry.js';
import type { RejectedFileRequest } from './request.js';

/** The quarantine key of a set-aside file: one entry per file name, replaced when the file is set aside again. */
export const fileSourceKey = (name: string): string => `file:${name}`;

/**
 * The quarantine entry of a file set aside: keyed by its name, located by its key and line;
 * its reason in each language on its own (older requests carry English only).
 */
export function rejectedFileEntry(request: RejectedFileRequest, recordType: string): QuarantineEntry {
  const held = request.disposition === 'held';
  const at = request.line > 0 ? { en: ` at line ${request.line}`, zh: `（第 ${request.line} 行）` } : { en: '', zh: '' };
  return {
    sourceId: request.sourceId,
    recordType,
    sourceKey: fileSourceKey(request.name),
    rawKey: request.key,
    index: request.line,
    errors: [
      {
        path: '',
        keyword: held ? 'file-held' : 'file',
        message: held ? `file ${request.name} is held for a data steward: ${request.reason}` : `file ${request.name} is unreadable${at.en}: ${request.reason}`,
        messageZh: held
          ? `文件 ${request.name} 已暂扣，待数据管理员处理：${request.reasonZh ?? '见英文说明'}`
          : `文件 ${request.name} 无法读取${at.zh}：${request.reasonZh ?? '见英文说明'}`,
      },
    ],
    raw: JSON.stringify({
      file: request.name,
      key: request.key,
      sha256: request.contentHash,
      line: request.line,
      disposition: request.disposition ?? 'rejected',
    }),
    quarantinedAt: request.rejectedAt,
  };
}
