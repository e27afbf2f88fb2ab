import { testApiDeps } from '../../support/api-deps.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

const MiB = 1024 * 1024;

describe('downloads through the API from the emulated open bucket', () => {
  let shared: SharedAws;
  let dir: string;
  beforeAll(async () => {
    shared = await useSharedAws();
    dir = await mkdtemp(join(tmpdir(), 'api-download-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a 12 MB Parquet file of the latest release byte for byte; a restricted dataset is refused', async () => {
    const id = `bulk-${uniqueSuffix()}`;
    const dataset = { ...DATASET_DEFAULTS, id, recordType: 'enforcement-decision', fields: ['decisionNumber'] } satisfies DatasetConfig;
    const restricted = { ...dataset, id: `${id}-r`, grades: { decisionNumber: 'L2' as const } } satisfies DatasetConfig;
    const content = randomBytes(12 * MiB);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = join(dir, `${id}.parquet`);
    await writeFile(path, content);
    const open = shared.app.openBucket();
    const releases = shared.app.releaseCatalog();
    const release = (datasetId: string): ReleasePointer => ({
      datasetId,
      releaseId: `20261201T000000000Z-${sha256.slice(0, 8)}`,
      createdAt: '2026-12-01T00:00:00.000Z',
      rowCount: 1,
      snapshotHash: sha256,
      manifestKey: `open/${datasetId}/r/manifest.json`,
      files: [
        {
          name: `${datasetId}.parquet`,
          // Random bytes, not Parquet: a key other tests' `tongyuan query` (which reads every release Parquet in the shared bucket) does not take for one.
          key: `open/${datasetId}/r/${datasetId}.random-bytes`,
          format: 'parquet',
          mediaType: 'application/vnd.apache.parquet',
          bytes: content.length,
          sha256,
        },
      ],
    });
    for (const d of [dataset, restricted]) {
      await open.putFile(release(d.id).files[0]!.key, path, { contentType: 'application/vnd.apache.parquet' });
      await releases.commit(release(d.id), undefined);
    }
    const api = createApi(testApiDeps({ datasets: async () => [dataset, restricted], latestRelease: (d) => releases.latest(d), open }));

    const response = await api.request(`http://localhost/v1/datasets/${id}/download?format=parquet`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(response.headers.get('content-length')).toBe(String(12 * MiB));
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of response.body!) {
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
    expect({ bytes, sha256: hash.digest('hex') }).toEqual({ bytes: 12 * MiB, sha256 });

    const refused = await api.request(`http://localhost/v1/datasets/${restricted.id}/download?format=parquet`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('受限开放');
  });
  it('reads a byte range from the emulated bucket and presigns a GET URL that serves the file under its name', async () => {
    const open = shared.app.openBucket();
    const key = `open/range-${uniqueSuffix()}/r/data.csv`;
    await open.put(key, '0123456789abcdef', { contentType: 'text/csv' });
    const part = await open.getStream(key, { start: 3, end: 6 });
    expect(part?.contentLength).toBe(4);
    expect(await new Response(part!.body).text()).toBe('3456');

    const url = await open.presignDownload(key, { fileName: '行政处罚.csv', mediaType: 'text/csv; charset=utf-8', expiresInSeconds: 60 });
    expect(url).toMatch(/X-Amz-Signature=/);
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe('0123456789abcdef');
    // The emulator does not check signatures; the signed query names the file and the expiry.
    const signed = new URL(url).searchParams;
    expect(signed.get('X-Amz-Expires')).toBe('60');
    expect(signed.get('response-content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('行政处罚.csv')}`);
  });
});
