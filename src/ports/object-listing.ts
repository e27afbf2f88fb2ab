/** Reading a bucket key by key, as a cache that mirrors immutable objects needs to. */
export interface ObjectListing {
  /** Every key under the prefix, in key order, page by page. */
  listKeys(prefix: string): AsyncIterable<string>;
  /** Streams one object to a local file without holding it in memory; throws when the key does not exist. */
  downloadTo(key: string, localPath: string): Promise<void>;
}
