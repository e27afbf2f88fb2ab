import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { inboxPrefix } from '../../../src/ingest/files/inbox.js';
import { startCli } from '../../support/cli.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

/** Runs `tongyuan …` to its end. */
async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
const csv = (ids: readonly number[]) => new TextEncoder().encode(`序号,名称\n${ids.map((i) => `${i},第${i}号商行`).join('\n')}\n`);

describe('tongyuan inbox list / release / reject, and sync exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-inbox-'));
  const id = `cli-drop-${uniqueSuffix()}`;
  let env: Record<string, string>;
  let raw: S3ObjectStore;
  const drop = (name: string, bytes: Uint8Array) => raw.put(`${inboxPrefix(id)}${name}`, bytes);

  beforeAll(async () => {
    const shared = await useSharedAws();
    raw = new S3ObjectStore(shared.clients.s3, shared.config.resources.bucket('raw'));
    writeFileSync(
      join(dir, 'drop.yaml'),
      [
        `id: ${id}`,
        'title: 双公示',
        'department: 市场监管局',
        'kind: file-drop',
        'recordType: enforcement-decision',
        'primaryKey: 序号',
        'deletions: { detect: snapshot }',
        'connection:',
        '  format: { kind: csv }',
        'mapping:',
        '  version: 1',
        '  fields:',
        '    caseName: { from: 名称 }',
        '',
      ].join('\n'),
    );
    env = { ...shared.env, TONGYUAN_SOURCES_DIR: dir, TONGYUAN_HOME: join(dir, 'home') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a held header-only file and a rejected PNG: sync exits 1 listing both; the steward lists, releases and rejects', async () => {
    await drop('v1.csv', csv([1, 2, 3, 4, 5]));
    const first = await cli(['sync', id], env);
    expect(first.code).toBe(0);
    expect(lastJson(first.stdout)).toEqual({ event: 'summary', synced: 1, failed: [], pulled: 5, deleted: 0 });

    await drop('empty.csv', csv([]));
    await drop('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const second = await cli(['sync', id], env);
    expect(second.code).toBe(1);
    const done = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.event === 'done');
    expect(done).toMatchObject({ complete: false });
    const summary = lastJson(second.stdout);
    expect(summary.failed).toEqual(
      expect.arrayContaining([
        {
          source: id,
          file: 'empty.csv',
          disposition: 'held',
          reason: { zh: expect.stringContaining('将删除已知 5 条记录中的 5 条'), en: expect.stringContaining('would delete 5 of 5') },
        },
        {
          source: id,
          file: 'photo.png',
          disposition: 'rejected',
          reason: { zh: '无法作为 CSV 读取：二进制文件（PNG 图片）', en: 'cannot be read as CSV: binary file (PNG image)' },
        },
      ]),
    );

    const listed = await cli(['inbox', 'list', id], env);
    expect(listed.code).toBe(0);
    const files = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; disposition: string; present: boolean; key: string });
    expect(files.map((f) => [f.file, f.disposition, f.present]).sort()).toEqual([
      ['empty.csv', 'held', true],
      ['photo.png', 'rejected', true],
    ]);
    expect(files.find((f) => f.file === 'empty.csv')!.key).toMatch(new RegExp(`^held/${id}/`));

    const wrong = await cli(['inbox', 'release', id, 'photo.png'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(`source ${id} has no held file photo.png; that name was: rejected`);

    expect((await cli(['inbox', 'release', id, 'empty.csv'], env)).code).toBe(0);
    const third = await cli(['sync', id], env);
    expect(third.code).toBe(0);
    expect(lastJson(third.stdout)).toMatchObject({ failed: [], deleted: 5 });

    await drop('v2.csv', csv([1, 2, 3, 4, 5, 6]));
    expect((await cli(['sync', id], env)).code).toBe(0);
    await drop('v3.csv', csv([1]));
    expect((await cli(['sync', id], env)).code).toBe(1);
    const rejected = await cli(['inbox', 'reject', id, 'v3.csv'], env);
    expect(rejected.code).toBe(0);
    expect(lastJson(rejected.stdout)).toMatchObject({ file: 'v3.csv', disposition: 'rejected', key: expect.stringMatching(new RegExp(`^rejected/${id}/`)) });
  }, 180_000);
});
