import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSubscribers } from '../../../src/config/subscribers.js';
import { startCli } from '../../support/cli.js';

/** Runs `tongyuan …` to its end. */
async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const addArgs = (id: string, extra: string[] = []) => [
  'subscribers',
  'add',
  '--id',
  id,
  '--partner',
  'hangzhou',
  '--name',
  '杭州市数据资源局 共享平台',
  '--feeds',
  'enforcement,yrd',
  '--view',
  'partner-government',
  '--ordering',
  'per-record',
  '--contact-name',
  '共享平台值班',
  '--contact-email',
  'ops@hangzhou.example.org',
  ...extra,
];

describe('tongyuan subscribers add / list / show / remove', () => {
  // The folder does not exist yet: add creates it, list of a missing folder shows none.
  const dir = join(mkdtempSync(join(tmpdir(), 'tongyuan-subscribers-')), 'subscribers');
  const env = { TONGYUAN_SUBSCRIBERS_DIR: dir };
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('adds a subscriber the loader accepts, lists it, shows its queue and filter policies, and removes it', async () => {
    const added = await cli(
      addArgs('hangzhou-share', ['--entities', 'decision,penalty-license', '--actions', 'published', '--districts', '柯桥区,诸暨市']),
      env,
    );
    expect(added.stderr).toContain('tongyuan feeds replay hangzhou-share --since 1');
    expect(added.stderr).toContain('tongyuan up');
    expect(added.code).toBe(0);
    const { valid, problems } = await loadSubscribers(dir);
    expect(problems).toEqual([]);
    expect(valid).toEqual([
      expect.objectContaining({
        id: 'hangzhou-share',
        feeds: ['enforcement', 'yrd'],
        filter: { entities: ['decision', 'penalty-license'], actions: ['published'], districts: ['柯桥区', '诸暨市'] },
        contact: { name: '共享平台值班', email: 'ops@hangzhou.example.org' },
      }),
    ]);

    const listed = await cli(['subscribers', 'list'], env);
    expect(listed.code).toBe(0);
    const row = listed.stdout.split('\n').find((line) => line.startsWith('hangzhou-share\t'));
    expect(row?.split('\t')).toEqual([
      'hangzhou-share',
      'hangzhou',
      'enforcement,yrd',
      'partner-government',
      'per-record',
      'entities decision,penalty-license; actions published (+leaving); districts 柯桥区,诸暨市 (+全市)',
    ]);

    const shown = await cli(['subscribers', 'show', 'hangzhou-share', '--json'], env);
    expect(shown.code).toBe(0);
    const { queue, filterPolicies } = JSON.parse(shown.stdout) as { queue: string; filterPolicies: Record<string, Record<string, string[]>> };
    expect(queue).toBe('tongyuan-feed-hangzhou-share.fifo');
    expect(Object.keys(filterPolicies)).toEqual(['enforcement', 'yrd']);
    expect(filterPolicies['yrd']!['district']).toEqual(['柯桥区', '诸暨市', '全市']);
    expect([...filterPolicies['enforcement']!['action']!].sort()).toEqual(['expired', 'published', 'withdrawn']);

    const again = await cli(addArgs('hangzhou-share'), env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('subscriber "hangzhou-share" already exists');

    const removed = await cli(['subscribers', 'remove', 'hangzhou-share'], env);
    expect(removed.code).toBe(0);
    expect(removed.stderr).toMatch(/queue tongyuan-feed-hangzhou-share\.fifo .*until the next/);
    expect(removed.stderr).toContain('dead-letter queue is kept');
    expect(readdirSync(dir)).toEqual([]);
    expect((await cli(['subscribers', 'show', 'hangzhou-share'], env)).code).toBe(1);
  });

  it('refuses an add the loader would refuse, naming the problem, and writes nothing', async () => {
    const refused = await cli(addArgs('bad-entity', ['--entities', 'credit,gazette-issue']), env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('/filter/entities/1: "gazette-issue" is not an entity of enforcement, yrd');
    expect(existsSync(join(dir, 'bad-entity.yaml'))).toBe(false);

    const missing = await cli(['subscribers', 'add', '--id', 'no-contact', '--partner', 'hangzhou', '--name', 'x', '--feeds', 'gazette'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('missing required property "view"');
    expect(existsSync(join(dir, 'no-contact.yaml'))).toBe(false);
  });
});
