import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../support/cli.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

/** Runs `tongyuan …` to its end. */
async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('tongyuan sources check / sync', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-sources-'));
  const table = `cli_sync_${uniqueSuffix()}`;
  let env: Record<string, string>;
  let db: pg.Client;

  beforeAll(async () => {
    const shared = await useSharedAws();
    db = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'test' });
    await db.connect();
    await db.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, name text, updated_at timestamptz NOT NULL)`);
    await db.query(`INSERT INTO ${table} SELECT g, 'row ' || g, timestamptz '2025-01-01 00:00:00+08' + g * interval '1 minute' FROM generate_series(1, 250) g`);
    writeFileSync(
      join(dir, 'front-db.yaml'),
      [
        'id: cli-front-db',
        'title: 前置库',
        'department: 发改委',
        'kind: sql',
        'recordType: enforcement-decision',
        'connection:',
        '  engine: postgres',
        '  host: ${env:CLI_TEST_PG_HOST}',
        '  database: test',
        '  user: postgres',
        `  table: ${table}`,
        '  cursorColumn: updated_at',
        '  batchSize: 100',
        'mapping:',
        '  version: 1',
        '  fields:',
        '    caseName: { from: name }',
        '',
      ].join('\n'),
    );
    // The emulators' endpoints and the resource names, as a deployed stack's environment would give them.
    env = { ...shared.env, TONGYUAN_SOURCES_DIR: dir, TONGYUAN_HOME: join(dir, 'home'), CLI_TEST_PG_HOST: '127.0.0.1' };
  });
  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('check: ok for a valid file; for an invalid one, exit 1 and the file, path and problem', async () => {
    const ok = await cli(['sources', 'check', join(dir, 'front-db.yaml')], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('cli-front-db\tsql → enforcement-decision');
    const bad = join(dir, 'bad.yaml.txt');
    writeFileSync(
      bad,
      'id: Bad Id\ntitle: t\ndepartment: d\nkind: file-drop\nrecordType: enforcement-decision\nmapping: { version: 1, fields: { caseName: { from: name } } }\nconnection:\n  format: { kind: csv, encoding: big5 }\n',
    );
    const failed = await cli(['sources', 'check', bad], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'bad.yaml.txt: invalid source:\n  /id: must match pattern "^[a-z][a-z0-9-]{1,62}$"\n  /connection/format/encoding: must be one of "auto", "utf-8", "gbk", "gb18030"',
    );
  });

  it('sync: pulls into the AWS resources of the environment and reports JSON lines off a terminal', async () => {
    const first = await cli(['sync', 'cli-front-db'], env);
    expect(first.code).toBe(0);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.event === 'page').map((l) => [l.pulled, l.expectedTotal])).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    expect(lines.at(-1)).toEqual({ event: 'summary', synced: 1, failed: [], pulled: 250, deleted: 0 });
    await db.query(`UPDATE ${table} SET name = 'changed', updated_at = now() WHERE id IN (7, 8)`);
    const second = await cli(['sync', '--all'], env);
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toMatchObject({ pulled: 2 });
    const wrong = await cli(['sync'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('sync: name the sources to sync, or --all (not both)');
  });
});
