import { parseArgs } from 'node:util';
import type { Composition } from '../../app/composition.js';
import { ConfigError, type DatasetConfig } from '../../config/catalog.js';
import { datasetOverview } from '../../publish/dataset-overview.js';
import { datasetCategory } from '../../grading/index.js';
import { requestPublish, waitForReleases } from '../../publish/publish-now.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const categoryOf = (dataset: DatasetConfig) => datasetCategory(dataset);

/** Exit code of `datasets publish --wait` when some dataset got no new release in time. */
export const NO_NEW_RELEASE_EXIT = 3;

async function datasetNamed(app: Composition, id: string, command: string): Promise<DatasetConfig> {
  const datasets = (await app.catalog()).datasets;
  const dataset = datasets.find((d) => d.id === id);
  if (!dataset) throw new ConfigError(`datasets ${command}: no dataset "${id}"; datasets: ${datasets.map((d) => d.id).join(', ')}`);
  return dataset;
}

const cell = (value: string | number | null | undefined): string => (value === null || value === undefined ? '-' : String(value));
const percent = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

export const datasetsListCommand: CliCommand = {
  path: ['datasets', 'list'],
  usage: 'datasets list [--json]',
  summary: 'every dataset: title, record type, category (无条件开放/受限开放), latest release, rows, validity, overdue against its 更新频率',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean', default: false } } });
    const app = connectToRunningStack(io.env);
    const releases = app.releaseCatalog();
    const now = new Date();
    const datasets = (await app.catalog()).datasets;
    const rows = await Promise.all(datasets.map(async (d) => datasetOverview(d, await releases.latest(d.id), categoryOf, now)));
    if (values.json) {
      io.out(JSON.stringify(rows));
      return 0;
    }
    io.out(['id', '标题', 'record type', '开放类型', 'latest release', 'rows', 'validity', 'freshness'].join('\t'));
    for (const r of rows) {
      io.out(
        [r.id, r.title, r.recordType, r.categoryLabel, cell(r.latestRelease), cell(r.rowCount), percent(r.validityRate), r.overdue ? 'OVERDUE' : 'ok'].join(
          '\t',
        ),
      );
    }
    for (const r of rows) if (r.problem) io.say(`${r.id}: ${r.problem}`);
    return rows.some((r) => r.problem) ? 1 : 0;
  },
};

export const datasetsReleasesCommand: CliCommand = {
  path: ['datasets', 'releases'],
  usage: 'datasets releases <id> [--limit N] [--after <release>] [--json]',
  summary: "a dataset's releases, newest first: id, created, rows, category, files",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, limit: { type: 'string', default: '20' }, after: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new ConfigError('datasets releases: name one dataset id');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ConfigError(`datasets releases: --limit must be 1…100, not ${values.limit}`);
    const app = connectToRunningStack(io.env);
    const dataset = await datasetNamed(app, positionals[0]!, 'releases');
    const page = await app.releaseCatalog().history(dataset.id, { limit, ...(values.after ? { after: values.after } : {}) });
    const current = (() => {
      try {
        return categoryOf(dataset);
      } catch {
        return undefined;
      }
    })();
    const releases = page.releases.map((r) => ({
      id: r.releaseId,
      createdAt: r.createdAt,
      rowCount: r.rowCount,
      // Releases from before grading carry no category: the dataset's own is shown.
      category: r.category ?? current ?? null,
      files: r.files.map((f) => ({ format: f.format, name: f.name, bytes: f.bytes, sha256: f.sha256 })),
      ...(r.quality ? { quality: r.quality } : {}),
    }));
    if (values.json) {
      io.out(JSON.stringify({ dataset: dataset.id, releases, ...(page.next ? { next: page.next } : {}) }));
      return 0;
    }
    io.out(['release', 'created', 'rows', 'category', 'files'].join('\t'));
    for (const r of releases) io.out([r.id, r.createdAt, r.rowCount, cell(r.category), r.files.map((f) => f.format).join(',')].join('\t'));
    if (releases.length === 0) io.say(`${dataset.id}: no releases yet`);
    if (page.next) io.say(`older releases: tongyuan datasets releases ${dataset.id} --after ${page.next}`);
    return 0;
  },
};

export const datasetsPublishCommand: CliCommand = {
  path: ['datasets', 'publish'],
  usage: 'datasets publish <id>… | --all [--wait] [--timeout SECONDS] [--json]',
  summary: `asks the stack to publish now (a request on the publish queue, as after a change); --wait until the latest release moves (exit ${NO_NEW_RELEASE_EXIT} if one did not in time: unchanged content or records still changing)`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        all: { type: 'boolean', default: false },
        wait: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '300' },
        json: { type: 'boolean', default: false },
      },
    });
    if (values.all === positionals.length > 0) throw new ConfigError('datasets publish: name dataset ids, or --all (not both)');
    const timeoutSeconds = Number(values.timeout);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
      throw new ConfigError(`datasets publish: --timeout must be a positive number of seconds, not ${values.timeout}`);
    const app = connectToRunningStack(io.env);
    const datasets = values.all ? (await app.catalog()).datasets : await Promise.all(positionals.map((id) => datasetNamed(app, id, 'publish')));
    const releases = app.releaseCatalog();
    const before = new Map(await Promise.all(datasets.map(async (d) => [d.id, (await releases.latest(d.id))?.releaseId] as const)));
    await requestPublish(app.publishQueue(), [...before.keys()], new Date());
    if (!values.wait) {
      if (values.json) io.out(JSON.stringify([...before.keys()].map((datasetId) => ({ datasetId, outcome: 'requested' }))));
      else for (const id of before.keys()) io.out(`${id}\trequested`);
      return 0;
    }
    io.say(`waiting up to ${timeoutSeconds} s for ${before.size} release(s)…`);
    const started = Date.now();
    const outcomes = await waitForReleases((id) => releases.latest(id), before, {
      timeoutMs: timeoutSeconds * 1000,
      pollMs: 1000,
      elapsedMs: () => Date.now() - started,
    });
    if (values.json) io.out(JSON.stringify(outcomes));
    for (const o of outcomes) {
      if (o.outcome === 'released') {
        if (!values.json) io.out([o.datasetId, 'released', o.release.releaseId, o.release.rowCount].join('\t'));
      } else {
        if (!values.json) io.out([o.datasetId, 'no new release', cell(o.latest), ''].join('\t'));
        io.say(
          `${o.datasetId}: no new release within ${timeoutSeconds} s; its content may be unchanged since ${o.latest ?? '(none)'}, or its records are still changing`,
        );
      }
    }
    return outcomes.every((o) => o.outcome === 'released') ? 0 : NO_NEW_RELEASE_EXIT;
  },
};
