import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ConfigError, describeFileProblem } from '../../config/catalog.js';
import { loadRuntimeConfig } from '../../config/runtime-config.js';
import { checkSubscriber, loadSubscribers, subscriberQueueName, type SubscriberConfig } from '../../config/subscribers.js';
import { filterPolicy } from '../../feeds/subscriber-filter.js';
import type { CliCommand, CliIo } from '../command.js';

const subscribersDir = (io: CliIo): string => loadRuntimeConfig(io.env).catalogDirs.subscribers;

/** What the subscriber's filter narrows, in a few words; `all` when it receives every event of its feeds and view. */
export function filterSummary(subscriber: SubscriberConfig): string {
  const { entities, actions, districts } = subscriber.filter ?? {};
  const parts = [
    ...(entities ? [`entities ${entities.join(',')}`] : []),
    ...(actions ? [`actions ${actions.join(',')} (+leaving)`] : []),
    ...(districts ? [`districts ${districts.join(',')} (+全市)`] : []),
  ];
  return parts.length === 0 ? 'all' : parts.join('; ');
}

async function subscriberNamed(io: CliIo, id: string, command: string): Promise<SubscriberConfig> {
  const { valid } = await loadSubscribers(subscribersDir(io));
  const found = valid.find((s) => s.id === id);
  if (!found) throw new ConfigError(`subscribers ${command}: no subscriber "${id}"; subscribers: ${valid.map((s) => s.id).join(', ') || '(none)'}`);
  return found;
}

/** The file that defines a subscriber (whichever file claims the id, <id>.yaml by convention) and what it says. */
async function fileOf(dir: string, id: string): Promise<{ file: string; ordering: unknown } | undefined> {
  if (!existsSync(dir)) return undefined;
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort()) {
    try {
      const parsed = parseYaml(await readFile(join(dir, name), 'utf8')) as { id?: unknown; ordering?: unknown } | null;
      if (parsed?.id === id) return { file: join(dir, name), ordering: parsed.ordering };
    } catch {
      // A file that is not YAML claims no id; the loader reports it.
    }
  }
  return undefined;
}

export const subscribersListCommand: CliCommand = {
  path: ['subscribers', 'list'],
  usage: 'subscribers list [--json]',
  summary: 'partners subscribed to the feeds: id, partner, feeds, view, ordering, filter; an invalid file is reported and fails the command',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean', default: false } } });
    const { valid, problems } = await loadSubscribers(subscribersDir(io));
    if (values.json) io.out(JSON.stringify(valid));
    else {
      io.out(['id', 'partner', 'feeds', 'view', 'ordering', 'filter'].join('\t'));
      for (const s of valid) io.out([s.id, s.partner, s.feeds.join(','), s.view, s.ordering, filterSummary(s)].join('\t'));
    }
    for (const problem of problems) io.say(describeFileProblem(problem));
    return problems.length === 0 ? 0 : 1;
  },
};

export const subscribersShowCommand: CliCommand = {
  path: ['subscribers', 'show'],
  usage: 'subscribers show <id> [--json]',
  summary: "a subscriber's configuration, its queue and the SNS filter policy of its subscription to each feed",
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new ConfigError('subscribers show: name one subscriber id (see `tongyuan subscribers list`)');
    const subscriber = await subscriberNamed(io, positionals[0]!, 'show');
    const queue = subscriberQueueName(subscriber);
    const policy = filterPolicy(subscriber);
    const filterPolicies = Object.fromEntries(subscriber.feeds.map((feed) => [feed, policy]));
    if (values.json) {
      io.out(JSON.stringify({ subscriber, queue, filterPolicies }));
      return 0;
    }
    io.out(stringifyYaml(subscriber).trimEnd());
    io.out(`queue: ${queue} (dead letters after 5 receives)`);
    for (const feed of subscriber.feeds) io.out(`filter policy (${feed}): ${JSON.stringify(policy)}`);
    return 0;
  },
};

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

type AddValues = Readonly<Record<string, string | undefined>>;

/** The options that were given, under the names the configuration uses. */
function given(values: AddValues, names: readonly string[], key: (name: string) => string = (n) => n): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = values[key(name)];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The configuration the options describe; what is missing or wrong is left for the schema to name. */
function subscriberFrom(values: AddValues): Record<string, unknown> {
  const filter = Object.fromEntries(Object.entries(given(values, ['entities', 'actions', 'districts'])).map(([k, v]) => [k, list(v)]));
  const feeds = values['feeds'];
  return {
    ...given(values, ['id', 'partner', 'name']),
    ...(feeds === undefined ? {} : { feeds: list(feeds) }),
    ...given(values, ['view', 'ordering']),
    ...(Object.keys(filter).length > 0 ? { filter } : {}),
    contact: given(values, ['name', 'email', 'telephone'], (n) => `contact-${n}`),
  };
}

const ADD_OPTIONS = [
  'id',
  'partner',
  'name',
  'feeds',
  'view',
  'ordering',
  'entities',
  'actions',
  'districts',
  'contact-name',
  'contact-email',
  'contact-telephone',
];

export const subscribersAddCommand: CliCommand = {
  path: ['subscribers', 'add'],
  usage: 'subscribers add --id --partner --name --feeds a,b --view --ordering --contact-name --contact-email [options]',
  summary:
    'write subscribers/<id>.yaml, validated as the loader does (options: --entities, --actions, --districts a,b; --contact-telephone); its queue comes with the next `tongyuan up` or `cdk deploy`',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: Object.fromEntries(ADD_OPTIONS.map((o) => [o, { type: 'string' as const }])) });
    const dir = subscribersDir(io);
    const data = subscriberFrom(values);
    const target = join(dir, `${values['id'] ?? 'subscriber'}.yaml`);
    const { value: subscriber, problems } = await checkSubscriber(data);
    if (!subscriber) throw new ConfigError(`subscribers add: ${describeFileProblem({ file: target, what: 'subscriber', problems })}`);
    const existing = existsSync(target) ? target : (await fileOf(dir, subscriber.id))?.file;
    if (existing) throw new ConfigError(`subscribers add: subscriber "${subscriber.id}" already exists (${existing}); remove it first or choose another id`);
    await mkdir(dir, { recursive: true });
    const header = `# ${subscriber.name}: added with \`tongyuan subscribers add\`.\n`;
    await writeFile(target, header + stringifyYaml(subscriber), { flag: 'wx' });
    io.out(`subscriber ${subscriber.id} added: ${target}`);
    io.say(`its queue ${subscriberQueueName(subscriber)} and its subscriptions to ${subscriber.feeds.join(', ')} are created by:`);
    io.say('  locally: `npm start` or `tongyuan up` (restart it if it is running)');
    io.say('  in AWS:  `cdk deploy`');
    io.say(`then backfill what it missed: \`tongyuan feeds replay ${subscriber.id} --since 1\``);
    return 0;
  },
};

export const subscribersRemoveCommand: CliCommand = {
  path: ['subscribers', 'remove'],
  usage: 'subscribers remove <id>',
  summary: "delete a subscriber's file; its queue and dead-letter queue stay until the next deploy or `tongyuan up`",
  async run(args, io) {
    const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new ConfigError('subscribers remove: name one subscriber id (see `tongyuan subscribers list`)');
    const id = positionals[0]!;
    const dir = subscribersDir(io);
    const found = await fileOf(dir, id);
    if (!found) throw new ConfigError(`subscribers remove: no subscriber "${id}" in ${dir}`);
    await rm(found.file);
    io.out(`subscriber ${id} removed: ${found.file}`);
    const queue = subscriberQueueName({ id, ordering: found.ordering === 'none' ? 'none' : 'per-record' });
    io.say(`its queue ${queue} keeps receiving until the next \`cdk deploy\` or \`tongyuan up\`, which removes it and its subscriptions;`);
    io.say('its dead-letter queue is kept with whatever it holds');
    return 0;
  },
};

export const subscribersCommands: readonly CliCommand[] = [subscribersListCommand, subscribersShowCommand, subscribersAddCommand, subscribersRemoveCommand];
