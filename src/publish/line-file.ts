import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import type { WrittenFile } from './release-columns.js';

/** Text is gathered to about this size before it goes to the file: one write per row would wait on the disk per row. */
const CHUNK_CHARS = 256 * 1024;

/** A local text file written line by line with its size and SHA-256 taken on the way: nothing of it stays in memory. */
export class LineFile {
  private readonly out;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
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
    await finished(this.out);
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** The lines of a local file, one at a time. */
export async function* linesOf(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield line;
}
