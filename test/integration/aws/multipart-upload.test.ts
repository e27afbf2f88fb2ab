import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const MiB = 1024 * 1024;

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sha256OfStream(stream: AsyncIterable<Uint8Array>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A file of random bytes (incompressible, so no layer can shrink it under a limit), written in 1 MiB steps. */
async function randomFile(path: string, size: number): Promise<void> {
  const chunks: Buffer[] = [];
  for (let left = size; left > 0; left -= MiB) chunks.push(randomBytes(Math.min(MiB, left)));
  await writeFile(path, Buffer.concat(chunks));
}

/** The S3 commands `action` sends, by name, in order. */
async function commandsSent(shared: SharedAws, action: () => Promise<void>): Promise<string[]> {
  const names: string[] = [];
  const name = `record-commands-${uniqueSuffix()}`;
  shared.clients.s3.middlewareStack.add(
    (next, context) => (args) => {
      names.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await action();
  } finally {
    shared.clients.s3.middlewareStack.remove(name);
  }
  return names;
}

describe('release files above one request body, on the S3 emulator', () => {
  let shared: SharedAws;
  let store: S3ObjectStore;
  let dir: string;
  beforeAll(async () => {
    shared = await useSharedAws();
    store = new S3ObjectStore(shared.clients.s3, shared.config.resources.bucket('open'));
    dir = await mkdtemp(join(tmpdir(), 'multipart-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a 40 MB file by multipart and streams it back byte-identical', async () => {
    const path = join(dir, 'big.jsonl');
    await randomFile(path, 40 * MiB);
    const key = `test/${uniqueSuffix()}/big.jsonl`;
    const commands = await commandsSent(shared, () => store.putFile(key, path, { contentType: 'application/x-ndjson' }));
    // 40 MiB in 5 MiB parts: eight parts between one create and one complete.
    expect(commands.filter((c) => c === 'UploadPartCommand')).toHaveLength(8);
    expect(commands.filter((c) => c !== 'UploadPartCommand')).toEqual(['CreateMultipartUploadCommand', 'CompleteMultipartUploadCommand']);

    const stream = await store.getStream(key);
    expect(stream).toBeDefined();
    expect(stream!.contentType).toBe('application/x-ndjson');
    expect(stream!.contentLength).toBe(40 * MiB);
    expect(await sha256OfStream(stream!.body)).toEqual({ sha256: await sha256OfFile(path), bytes: 40 * MiB });
  });

  it('a 12 MB file, over the emulator limit of 11 MiB per request, fails as one put and succeeds through putFile', async () => {
    const path = join(dir, 'twelve.csv');
    await randomFile(path, 12 * MiB);
    const bytes = new Uint8Array(await readFile(path));
    const key = `test/${uniqueSuffix()}/twelve.csv`;
    await expect(store.put(key, bytes)).rejects.toThrow();
    expect(await store.exists(key)).toBe(false);

    await store.putFile(key, path, { contentType: 'text/csv; charset=utf-8' });
    const back = await store.get(key);
    expect(back?.byteLength).toBe(12 * MiB);
    expect(createHash('sha256').update(back!).digest('hex')).toBe(await sha256OfFile(path));
  });

  it('a small file goes up in one request and reads back; a missing key streams as undefined', async () => {
    const path = join(dir, 'small.json');
    await writeFile(path, '{"a":1}\n');
    const key = `test/${uniqueSuffix()}/small.json`;
    expect(await commandsSent(shared, () => store.putFile(key, path, { contentType: 'application/json' }))).toEqual(['PutObjectCommand']);
    expect(Buffer.from((await store.get(key))!).toString()).toBe('{"a":1}\n');
    expect(await store.getStream(`${key}.missing`)).toBeUndefined();
  });
});
