/** Why a dropped file was set aside, in both languages the bureau works in; never both in one string. */
export interface FileReason {
  readonly zh: string;
  readonly en: string;
}

/** Each language's reason at most this many UTF-8 bytes: a reason travels in an SQS message and a quarantine entry. */
export const MAX_REASON_BYTES = 1024;
/** An excerpt of the offending line, in characters. */
export const MAX_EXCERPT_CHARS = 200;

/** The first `max` characters of a text, with how much was left out. */
export function excerpt(text: string, max = MAX_EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  // Only the head is split into characters: the text may be a 10 MB line.
  const head = Array.from(text.slice(0, 2 * max))
    .slice(0, max)
    .join('');
  return head.length === text.length ? text : `${head}… (+${text.length - head.length})`;
}

function boundBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let cut = Array.from(text);
  // Halve, then trim: a reason is at most a few KiB before this, so the loop is short.
  while (cut.length > 1 && Buffer.byteLength(`${cut.join('')}…`, 'utf8') > max) cut = cut.slice(0, Math.max(1, Math.floor(cut.length * 0.9)));
  return `${cut.join('')}…`;
}

/** A reason bounded in size in each language. */
export function boundedReason(reason: FileReason, max = MAX_REASON_BYTES): FileReason {
  return { zh: boundBytes(reason.zh, max), en: boundBytes(reason.en, max) };
}
