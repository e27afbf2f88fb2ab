import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectListing } from '../ports/index.js';

export class S3ObjectListing implements ObjectListing {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async *listKeys(prefix: string): AsyncIterable<string> {
    for await (const page of paginateListObjectsV2({ client: this.s3 }, { Bucket: this.bucket, Prefix: prefix }))
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
  }

  async downloadTo(key: string, localPath: string): Promise<void> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!out.Body) throw new Error(`s3://${this.bucket}/${key}: empty response body`);
    await pipeline(out.Body as Readable, createWriteStream(localPath));
  }
}
