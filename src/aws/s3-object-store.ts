import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { Upload } from '@aws-sdk/lib-storage';
import type { ObjectFileUploader, ObjectRange, ObjectStore, ObjectStream, ObjectStreamReader, PutObjectOptions } from '../ports/index.js';
import { presignGetObject, type PresignOptions } from './s3-presign.js';

/** Part size of multipart uploads: S3's minimum, so a release file needs no more memory than this per part in flight. */
const PART_BYTES = 5 * 1024 * 1024;

export class S3ObjectStore implements ObjectStore, ObjectFileUploader, ObjectStreamReader {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: Uint8Array | string, options: PutObjectOptions = {}): Promise<void> {
    await this.s3.send(new PutObjectCommand(this.putInput(key, body, options)));
  }

  /**
   * `If-None-Match: *`: S3 refuses the put when the key exists (412 PreconditionFailed) or is
   * being written at the same moment (409 ConditionalRequestConflict); for a key that names its
   * content both mean the bytes are there. The embedded emulator (fauxqs 2.4) ignores the
   * header and overwrites, with the same bytes.
   */
  async putIfAbsent(key: string, body: Uint8Array | string, options: PutObjectOptions = {}): Promise<void> {
    try {
      await this.s3.send(new PutObjectCommand({ ...this.putInput(key, body, options), IfNoneMatch: '*' }));
    } catch (error) {
      if (alreadyThere(error)) return;
      throw error;
    }
  }

  private putInput(key: string, body: Uint8Array | string, options: PutObjectOptions) {
    return {
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentType: options.contentType,
      ContentEncoding: options.contentEncoding,
      Metadata: options.metadata ? { ...options.metadata } : undefined,
    };
  }

  /** Streams a local file up; lib-storage switches to a multipart upload above one part. */
  async putFile(key: string, localPath: string, options: PutObjectOptions = {}): Promise<void> {
    const upload = new Upload({
      client: this.s3,
      partSize: PART_BYTES,
      queueSize: 2,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(localPath),
        ContentType: options.contentType,
        ContentEncoding: options.contentEncoding,
        Metadata: options.metadata ? { ...options.metadata } : undefined,
      },
    });
    await upload.done();
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** The object's body (or a byte range of it) as a web stream, read from S3 as the caller consumes it. */
  async getStream(key: string, range?: ObjectRange): Promise<ObjectStream | undefined> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      const body = out.Body ? out.Body.transformToWebStream() : new Blob([]).stream();
      return {
        body: body as ReadableStream<Uint8Array>,
        ...(out.ContentLength !== undefined ? { contentLength: out.ContentLength } : {}),
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
      };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** A time-limited GET URL of the object that makes the browser save it under `fileName` as `mediaType`. */
  presignDownload(key: string, options: PresignOptions): Promise<string> {
    return presignGetObject(this.s3, this.bucket, key, options);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }
}

function alreadyThere(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || $metadata?.httpStatusCode === 412 || $metadata?.httpStatusCode === 409;
}
