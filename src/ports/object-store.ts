export interface PutObjectOptions {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A bucket (or any key → bytes store). */
export interface ObjectStore {
  put(key: string, body: Uint8Array | string, options?: PutObjectOptions): Promise<void>;
  /** The object's bytes, or undefined when it does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  exists(key: string): Promise<boolean>;
}

/**
 * Uploads a local file without holding it in memory: release files can be far larger
 * than one request may carry (S3 takes parts; the local emulator refuses bodies over 11 MiB).
 */
export interface ObjectFileUploader {
  putFile(key: string, localPath: string, options?: PutObjectOptions): Promise<void>;
}

/** An object's bytes as they arrive, with what the store knows of them. */
export interface ObjectStream {
  readonly body: ReadableStream<Uint8Array>;
  readonly contentLength?: number;
  readonly contentType?: string;
}

/** Bytes `start` to `end` of an object, both included (an HTTP byte range, resolved). */
export interface ObjectRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Reads an object without holding it: a download of a 100 MB release file passes
 * through the API chunk by chunk instead of being buffered first.
 */
export interface ObjectStreamReader {
  /** The object's stream (only `range` of it when given), or undefined when it does not exist. */
  getStream(key: string, range?: ObjectRange): Promise<ObjectStream | undefined>;
}
