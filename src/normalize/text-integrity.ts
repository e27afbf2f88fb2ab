import type { ValidationIssue } from '../records/validation-issue.js';

/** A UTF-16 surrogate without its pair: JSON's `\ud800` escape makes one, and it is no Unicode text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const pointerPart = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer of the first key or string holding a lone surrogate, or undefined; iterative, as a source may nest 10,000 deep. */
function lonelyAt(root: unknown): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return path;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, inner] of Object.entries(value).reverse()) {
      const at = `${path}/${pointerPart(key)}`;
      if (LONE_SURROGATE.test(key)) return at;
      pending.push({ value: inner, path: at });
    }
  }
  return undefined;
}

/**
 * A mapped record whose text is not Unicode cannot be stored (its content hash and the
 * SSOT's encoding refuse it, failing the whole batch): the row is quarantined instead.
 */
export function malformedTextIssue(mapped: unknown): ValidationIssue | undefined {
  const path = lonelyAt(mapped);
  if (path === undefined) return undefined;
  return {
    path,
    keyword: 'unicode',
    message: 'text holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape without its pair), which is not Unicode',
    messageZh: '文本含有孤立的 UTF-16 代理项（不成对的 \\ud800-\\udfff 转义），不是有效的 Unicode 文本',
  };
}
