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
  /**
   * Writes an object under a key that names its content (the same key always holds the same
   * bytes) unless the key already holds one, in one conditional request instead of a look-up
   * and a put. A store that cannot make a put conditional may overwrite: with the same bytes,
   * that is equally right. Stores without it are asked `exists` first.
   */
  putIfAbsent?(key: string, body: Uint8Array | string, options?: PutObjectOptions): Promise<void>;
}

/** Writes a content-addressed object once: conditionally where the store can, else after a look-up. */
export async function putContentAddressed(
  store: ObjectStore,
  key: string,
  body: () => Promise<Uint8Array | string>,
  options?: PutObjectOptions,
): Promise<void> {
  if (store.putIfAbsent) return store.putIfAbsent(key, await body(), options);
  if (!(await store.exists(key))) await store.put(key, await body(), options);
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
