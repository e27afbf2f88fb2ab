import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadSubscribers, type SubscriberConfig } from '../../../src/config/subscribers.js';
import { FEED_IDS, FEED_VIEWS } from '../../../src/feeds/feeds.js';
import { filterPolicy } from '../../../src/feeds/subscriber-filter.js';
import { repoRoot } from '../../support/cli.js';
import { subscriber } from '../../support/memory-feeds.js';

const shown = (dir: string, name: string) => relative(process.cwd(), join(dir, name));

describe('the demo subscribers', () => {
  it('load clean and cover the three feeds, both views and both orderings', async () => {
    const { valid, problems } = await loadSubscribers(join(repoRoot, 'subscribers'));
    expect(problems).toEqual([]);
    expect(valid).toHaveLength(5);
    expect(new Set(valid.flatMap((s) => s.feeds))).toEqual(new Set(FEED_IDS));
    expect(new Set(valid.map((s) => s.view))).toEqual(new Set(FEED_VIEWS));
    expect(new Set(valid.map((s) => s.ordering))).toEqual(new Set(['per-record', 'none']));
    for (const s of valid) expect(() => filterPolicy(s)).not.toThrow();
  });
});

describe('loading subscribers: a bad file is refused with named problems, the others load', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const folder = (files: Record<string, SubscriberConfig | string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tongyuan-subscribers-'));
    dirs.push(dir);
    copyFileSync(join(repoRoot, 'subscribers', 'keqiao-portal.yaml'), join(dir, 'keqiao-portal.yaml'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : stringify(content));
    return dir;
  };
  const refused = async (name: string, content: SubscriberConfig | string) => {
    const dir = folder({ [name]: content });
    const { valid, problems } = await loadSubscribers(dir);
    expect(valid.map((s) => s.id)).toEqual(['keqiao-portal']);
    expect(problems.map((p) => [p.file, p.what])).toEqual([[shown(dir, name), 'subscriber']]);
    return problems[0]!.problems;
  };

  it('means no subscribers when the folder does not exist', async () => {
    expect(await loadSubscribers(join(tmpdir(), 'tongyuan-no-such-subscribers-folder'))).toEqual({ valid: [], problems: [] });
  });

  it('refuses what the schema refuses, by path', async () => {
    const bad = { ...subscriber({ id: 'bad-view' }), view: 'internal' } as unknown as SubscriberConfig;
    expect(await refused('bad-view.yaml', bad)).toEqual(['/view: must be one of "public", "partner-government"']);
  });

  it('refuses an entity that is not on the subscriber’s feeds', async () => {
    const problems = await refused('wrong-entity.yaml', subscriber({ id: 'wrong-entity', feeds: ['yrd'], filter: { entities: ['credit', 'decision'] } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/filter\/entities\/1: "decision" is not an entity of yrd; one of "credit", "penalty-license"/);
  });

  it('refuses an action its entities cannot announce', async () => {
    const problems = await refused(
      'wrong-action.yaml',
      subscriber({ id: 'wrong-action', feeds: ['yrd'], filter: { entities: ['credit'], actions: ['published', 'announced'] } }),
    );
    expect(problems).toEqual([expect.stringMatching(/^\/filter\/actions\/1: "announced" is not an action of the entities credit; one of "published"/)]);
  });

  it('refuses a district events never carry', async () => {
    const problems = await refused(
      'wrong-district.yaml',
      subscriber({ id: 'wrong-district', feeds: ['enforcement'], filter: { districts: ['柯桥区', '杭州'] } }),
    );
    expect(problems).toEqual([expect.stringMatching(/^\/filter\/districts\/1: "杭州" is not a district; one of "越城区", "柯桥区"/)]);
  });

  it('refuses a filter SNS could not hold, naming the subscriber', async () => {
    const wide = subscriber({
      id: 'too-wide',
      feeds: ['yrd'],
      filter: {
        entities: ['credit', 'penalty-license', 'property-rights', 'service-item'],
        actions: ['published', 'changed', 'announced'],
        districts: ['越城区', '柯桥区', '上虞区', '诸暨市', '嵊州市', '新昌县'],
      },
    });
    expect(await refused('too-wide.yaml', wide)).toEqual([expect.stringMatching(/^\/filter: subscriber too-wide: .*combinations/)]);
  });

  it('refuses both files of a duplicate id, each naming the other', async () => {
    const dir = folder({});
    copyFileSync(join(dir, 'keqiao-portal.yaml'), join(dir, 'copy.yaml'));
    const { valid, problems } = await loadSubscribers(dir);
    expect(valid).toEqual([]);
    expect(problems.map((p) => p.problems[0])).toEqual([
      `/id: subscriber id "keqiao-portal" is also defined in ${shown(dir, 'keqiao-portal.yaml')}`,
      `/id: subscriber id "keqiao-portal" is also defined in ${shown(dir, 'copy.yaml')}`,
    ]);
  });
});
