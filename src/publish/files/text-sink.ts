/**
 * A local file written as text, hashed and counted as its bytes go to disk, so closing it needs
 * no second read. Text is gathered into chunks of about 64 KiB: memory stays bounded whatever
 * the row count, and the file system sees few large writes instead of one per row.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { WrittenFile } from '../release-columns.js';

const CHUNK_CHARS = 64 * 1024;
/** Lets a few chunks be in flight to the disk before a write waits for it. */
const HIGH_WATER_MARK = 1024 * 1024;

export class TextSink {
  private readonly out: WriteStream;
  private readonly hash = createHash('sha256');
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { highWaterMark: HIGH_WATER_MARK });
    this.out.on('error', (error) => (this.failure = error));
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
    if (this.failure) throw this.failure;
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** SHA-256 and size of a file another library wrote, read as a stream. */
export async function digestFile(path: string): Promise<WrittenFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}
