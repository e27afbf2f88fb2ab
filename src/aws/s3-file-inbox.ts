import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { inboxPrefix, type DroppedFile } from '../ingest/files/inbox.js';
import type { FileInbox } from '../ports/index.js';

/** The inbox as a prefix of an S3 bucket (the raw bucket: its versioning keeps every drop). */
export class S3FileInbox implements FileInbox {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async list(sourceId: string): Promise<DroppedFile[]> {
    const prefix = inboxPrefix(sourceId);
    const files: DroppedFile[] = [];
    let token: string | undefined;
    do {
      const out = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of out.Contents ?? []) {
        if (!o.Key || o.Key.endsWith('/')) continue;
        files.push({ key: o.Key, name: o.Key.slice(prefix.length), lastModified: o.LastModified ?? new Date(0) });
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return files.sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime() || a.key.localeCompare(b.key));
  }

  async read(key: string): Promise<Uint8Array> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  /** Copy, then delete: a crash between leaves the file in both places, and moving it again is harmless. */
  async move(from: string, to: string): Promise<void> {
    const source = `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
    await this.s3.send(new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: source }));
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: from }));
  }
}
