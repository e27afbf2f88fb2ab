import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composition } from '../../../src/app/composition.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { releaseQualityObserver } from '../../../src/publish/release-quality.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import type { PublishRequest } from '../../../src/publish/request.js';
import { repoRoot, startCli } from '../../support/cli.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('tongyuan datasets list / releases / publish against the emulated stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-datasets-'));
  const openId = `open-${uniqueSuffix()}`;
  const restrictedId = `restricted-${uniqueSuffix()}`;
  let shared: SharedAws;
  let app: Composition;
  let env: Record<string, string>;
  const committed: ReleasePointer[] = [];

  beforeAll(async () => {
    shared = await useSharedAws();
    // Two datasets of the repository's enforcement decisions: one as it is (all L1), one raising a field to L2.
    const original = readFileSync(join(repoRoot, 'datasets', 'enforcement-decisions.yaml'), 'utf8');
    writeFileSync(join(dir, `${openId}.yaml`), original.replace(/^id: .*$/m, `id: ${openId}`));
    writeFileSync(join(dir, `${restrictedId}.yaml`), `${original.replace(/^id: .*$/m, `id: ${restrictedId}`)}\ngrades:\n  decisionNumber: L2\n`);
    env = { ...shared.env, TONGYUAN_DATASETS_DIR: dir, TONGYUAN_HOME: join(dir, 'home') };
    app = shared.compose({ TONGYUAN_DATASETS_DIR: dir });
    const releases = app.releaseCatalog();
    const observer = releaseQualityObserver({ id: openId, fields: ['decisionNumber'], updateFrequency: 'daily' });
    observer.observe({ decisionNumber: 'A' }, '2026-01-01T00:00:00.000Z');
    const quality = observer.result({ now: new Date('2026-01-01T01:00:00.000Z'), validity: { valid: 9, quarantined: 1 } });
    for (let n = 1; n <= 3; n += 1) {
      const releaseId = `2026010${n}T000000000Z-0000000${n}`;
      const release: ReleasePointer = {
        datasetId: openId,
        releaseId,
        createdAt: `2026-01-0${n}T00:00:00.000Z`,
        rowCount: n * 10,
        snapshotHash: `h${n}`,
        manifestKey: `open/${openId}/${releaseId}/manifest.json`,
        files: [
          {
            name: `${openId}.csv`,
            key: `open/${openId}/${releaseId}/${openId}.csv`,
            format: 'csv',
            mediaType: 'text/csv; charset=utf-8',
            bytes: n,
            sha256: 's',
          },
        ],
        category: 'open',
        quality,
      };
      await releases.commit(release, committed.at(-1)?.releaseId);
      committed.push(release);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('list: every dataset with category, latest release, rows, validity and overdue; a table by default', async () => {
    const json = await cli(['datasets', 'list', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as { id: string }[];
    expect(rows.find((r) => r.id === openId)).toMatchObject({
      title: '行政处罚决定公示',
      recordType: 'enforcement-decision',
      category: 'open',
      categoryLabel: '无条件开放',
      latestRelease: committed[2]!.releaseId,
      rowCount: 30,
      validityRate: 0.9,
      // A daily dataset whose newest change is from January.
      overdue: true,
    });
    expect(rows.find((r) => r.id === restrictedId)).toMatchObject({ category: 'restricted', categoryLabel: '受限开放', latestRelease: null, overdue: false });

    const table = await cli(['datasets', 'list'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toBe('id\t标题\trecord type\t开放类型\tlatest release\trows\tvalidity\tfreshness');
    expect(lines).toContain(`${openId}\t行政处罚决定公示\tenforcement-decision\t无条件开放\t${committed[2]!.releaseId}\t30\t90.0%\tOVERDUE`);
    expect(lines).toContain(`${restrictedId}\t行政处罚决定公示\tenforcement-decision\t受限开放\t-\t-\t-\tok`);
  });

  it('releases: newest first, paged, with an error and exit 1 for an unknown dataset', async () => {
    const page = await cli(['datasets', 'releases', openId, '--limit', '2', '--json'], env);
    expect(page.code, page.stderr).toBe(0);
    const body = JSON.parse(page.stdout) as { releases: { id: string; rowCount: number; category: string; files: { format: string }[] }[]; next?: string };
    expect(body.releases.map((r) => [r.id, r.rowCount, r.category, r.files.map((f) => f.format)])).toEqual([
      [committed[2]!.releaseId, 30, 'open', ['csv']],
      [committed[1]!.releaseId, 20, 'open', ['csv']],
    ]);
    expect(body.next).toBe(committed[1]!.releaseId);
    const older = await cli(['datasets', 'releases', openId, '--after', body.next!], env);
    expect(older.stdout.trim().split('\n')).toEqual([
      'release\tcreated\trows\tcategory\tfiles',
      `${committed[0]!.releaseId}\t2026-01-01T00:00:00.000Z\t10\topen\tcsv`,
    ]);

    const unknown = await cli(['datasets', 'releases', 'no-such-dataset'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('datasets releases: no dataset "no-such-dataset"');
    const unknownPublish = await cli(['datasets', 'publish', 'no-such-dataset'], env);
    expect(unknownPublish.code).toBe(1);
    expect(unknownPublish.stderr).toContain('datasets publish: no dataset "no-such-dataset"');
  });

  it('publish --wait: the request reaches the publish queue, the publish stage releases, the command reports the new release', async () => {
    const queueUrl = shared.config.resources.queue('publish');
    // The publish stage of an in-process stack: serves our dataset's requests with the real release builder.
    let serving = true;
    const served: PublishRequest[] = [];
    const publisher = (async () => {
      while (serving) {
        const out = await shared.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        for (const message of out.Messages ?? []) {
          const request = JSON.parse(message.Body!) as PublishRequest;
          if (request.datasetId !== openId) continue;
          served.push(request);
          const dataset = (await app.catalog()).datasets.find((d) => d.id === openId)!;
          await publishDataset(dataset, app.publishDeps());
          await shared.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
        }
      }
    })();
    try {
      const run = await cli(['datasets', 'publish', openId, '--wait', '--timeout', '60', '--json'], env);
      expect(run.code, run.stderr).toBe(0);
      const [outcome] = JSON.parse(run.stdout) as { datasetId: string; outcome: string; release: ReleasePointer }[];
      expect(outcome).toMatchObject({ datasetId: openId, outcome: 'released' });
      expect(outcome!.release.releaseId).not.toBe(committed[2]!.releaseId);
      expect(served).toEqual([{ kind: 'publish-dataset', datasetId: openId, requestedAt: expect.any(String) as string }]);
      const history = await app.releaseCatalog().history(openId, { limit: 1 });
      expect(history.releases[0]?.releaseId).toBe(outcome!.release.releaseId);
    } finally {
      serving = false;
      await publisher;
    }
  });

  it('publish --wait reports a dataset whose pointer did not move, with exit 3', async () => {
    const run = await cli(['datasets', 'publish', restrictedId, '--wait', '--timeout', '2'], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`${restrictedId}\tno new release\t-`);
    expect(run.stderr).toContain(`${restrictedId}: no new release within 2 s`);
  });
});
