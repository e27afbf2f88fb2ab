import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ObjectFileUploader, ObjectStore } from '../../src/ports/index.js';

/** An object store in a local folder: what a release build uploads lands on disk, not in this process's memory. */
export function fileObjectStore(root: string): ObjectStore & ObjectFileUploader & { readonly bytes: () => number } {
  let bytes = 0;
  const path = (key: string) => join(root, key);
  return {
    put: async (key, body) => {
      await mkdir(dirname(path(key)), { recursive: true });
      await writeFile(path(key), body);
      bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    },
    putFile: async (key, localPath) => {
      await mkdir(dirname(path(key)), { recursive: true });
      await copyFile(localPath, path(key));
      bytes += (await stat(localPath)).size;
    },
    get: async (key) => readFile(path(key)).catch(() => undefined),
    exists: async (key) =>
      stat(path(key)).then(
        () => true,
        () => false,
      ),
    bytes: () => bytes,
  };
}
