import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { WrittenFile } from '../release-columns.js';

/** A local file written piece by piece, honouring back-pressure, with its size and SHA-256 counted on the way. */
export class StreamedFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    // wx: a release folder is new; an existing file means two writers, never an overwrite.
    this.stream = createWriteStream(path, { flags: 'wx' });
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = Buffer.from(text, 'utf8');
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<WrittenFile> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
