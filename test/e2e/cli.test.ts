import { mkdtempSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_DIRS } from '../../src/config/runtime-config.js';
import { loadDatasets, loadSources } from '../../src/config/catalog.js';
import type { RunSummary } from '../../src/local/summary.js';
import { freePort } from '../../src/local/ports.js';
import { startCli } from '../support/cli.js';
import { onlySources } from '../support/sources-dir.js';
import { processAlive } from '../../src/util/process-alive.js';

const SUMMARY_KEYS = ['sources', 'pulled', 'records', 'quarantined', 'datasets', 'releases', 'events', 'failed'];

describe('the tongyuan command, as a user runs it', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-cli-'));
  let first: RunSummary;
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  async function once(): Promise<RunSummary> {
    const run = startCli(['up', '--once'], { TONGYUAN_HOME: home });
    const code = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const summary = JSON.parse(run.stdout().trim().split('\n').at(-1)!) as RunSummary;
    expect(Object.keys(summary)).toEqual(SUMMARY_KEYS);
    expect(summary.failed).toEqual([]);
    // Stopped cleanly: the state directory is released.
    expect(existsSync(join(home, 'up.pid'))).toBe(false);
    return summary;
  }

  it('`up --once` syncs every demo department in one cycle and ends with the JSON summary line', async () => {
    first = await once();
    const sources = await loadSources(DEFAULT_CATALOG_DIRS.sources);
    expect(first.sources).toBe(sources.valid.length);
    expect(first.pulled).toBeGreaterThan(0);
    // Every pulled row is stored or quarantined; rows of one subject from two departments merge.
    expect(first.records + first.quarantined).toBeLessThanOrEqual(first.pulled);
    expect(first.quarantined).toBeGreaterThan(0);
    // Every dataset with records is released: enforcement decisions and credit records. The
    // credit centre's pages arrive over the quiet period, so its dataset may be released twice.
    const datasets = await loadDatasets(DEFAULT_CATALOG_DIRS.datasets);
    expect(first.datasets).toBe(datasets.valid.length);
    expect(first.releases).toBeGreaterThanOrEqual(datasets.valid.length);
    expect(first.events).toBeGreaterThan(0);
    // A full cycle of every demo source: 136 s on a quiet 2-core machine since a release waits for a settled pipeline.
  }, 360_000);

  it('`up` serves the open-data API from the persisted state and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = startCli(['up'], { TONGYUAN_HOME: home, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    let catalog: { count: number; datasets: { id: string; latestRelease: { rowCount: number } | null }[] } | undefined;
    const deadline = Date.now() + 90_000;
    while (!catalog && Date.now() < deadline) {
      try {
        const response = await fetch(`${base}/v1/datasets`);
        if (response.ok) catalog = (await response.json()) as typeof catalog;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(catalog, run.stderr()).toBeDefined();
    expect(catalog!.count).toBeGreaterThanOrEqual(1);
    const rowCount = catalog!.datasets.find((d) => d.id === 'enforcement-decisions')!.latestRelease!.rowCount;
    expect(rowCount).toBeGreaterThan(0);
    const csv = await (await fetch(`${base}/v1/datasets/enforcement-decisions/download?format=csv`)).text();
    expect(csv.split('\r\n').filter((l) => l.length > 0).length - 1).toBe(rowCount);
    const missing = await fetch(`${base}/v1/datasets/no-such-dataset`);
    expect(missing.status).toBe(404);
    const badFormat = await fetch(`${base}/v1/datasets/enforcement-decisions/download?format=pdf`);
    expect(badFormat.status).toBe(400);

    // The steward's commands against the running stack: every released decision has its first
    // publication counted, and the exchange files hold exactly what the releases show.
    const licenceRows = catalog!.datasets.find((d) => d.id === 'administrative-licenses')!.latestRelease!.rowCount;
    const compliance = startCli(['compliance', 'report', '--json'], { TONGYUAN_HOME: home });
    expect(await compliance.exited, compliance.stderr()).toBe(0);
    const counts = (JSON.parse(compliance.stdout()) as { counts: Record<string, number> }).counts;
    expect(counts.late! + counts.onTime! + counts.uncounted!).toBe(rowCount + licenceRows);
    expect(counts).toMatchObject({ lateWithdrawals: 0, missedExpiries: 0 });
    const out = mkdtempSync(join(tmpdir(), 'tongyuan-sgs-'));
    const exported = startCli(['export', 'sgs', '--format', 'csv', '--out', out], { TONGYUAN_HOME: home });
    expect(await exported.exited, exported.stderr()).toBe(0);
    const written = exported
      .stdout()
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(written.map(([file, rows]) => [file!.split(/[\\/]/).at(-1), Number(rows)])).toEqual([
      ['administrative-penalties.csv', rowCount],
      ['administrative-licenses.csv', licenceRows],
    ]);
    const penaltiesCsv = readFileSync(join(out, 'administrative-penalties.csv'), 'utf8');
    expect(penaltiesCsv.split('\r\n').filter((l) => l.length > 0).length - 1).toBe(rowCount);
    rmSync(out, { recursive: true, force: true });

    const javaPid = Number(readFileSync(join(home, 'dynamodb', 'java.pid'), 'utf8'));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(processAlive(javaPid)).toBe(false);
    expect(existsSync(join(home, 'endpoints.json'))).toBe(false);
  });

  it('a second `up --once` on the same state finds nothing new in any department', async () => {
    const again = await once();
    expect(again).toMatchObject({ sources: first.sources, records: first.records, quarantined: first.quarantined, releases: 0, events: 0 });
    // The incremental JSON APIs (gazette, decision catalogue) answer updated_since inclusively, so
    // the rows at their watermark come again; normalize finds them unchanged. Everything else is skipped.
    expect(again.pulled).toBeLessThan(first.pulled / 100);
  });

  it('refuses a second stack on the same state directory, naming the one that runs', async () => {
    const port = await freePort();
    const first = startCli(['up'], { TONGYUAN_HOME: home, PORT: String(port) });
    const deadline = Date.now() + 60_000;
    while (!existsSync(join(home, 'endpoints.json')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const second = startCli(['up', '--once'], { TONGYUAN_HOME: home });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain('is running on');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('explains an unknown command and a bad PORT', async () => {
    const unknown = startCli(['frobnicate'], {});
    expect(await unknown.exited).toBe(2);
    expect(unknown.stderr()).toContain('unknown command: frobnicate');
    const badPort = startCli(['up'], { TONGYUAN_HOME: home, PORT: 'eighty' });
    expect(await badPort.exited).toBe(1);
    expect(badPort.stderr()).toContain('PORT must be a port number');
  });
});

describe('one bad department does not stop the others', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-cli-bad-'));
  // The law-enforcement source, a file with an unknown kind, and the credit source whose demo database is not started.
  const sources = onlySources('demo-enforcement', 'demo-credit');
  writeFileSync(
    join(sources.TONGYUAN_SOURCES_DIR, 'broken.yaml'),
    'id: broken\ntitle: 坏的\ndepartment: 某局\nkind: ftp\nrecordType: credit-record\nmapping: demo-credit\nconnection: {}\n',
  );
  afterAll(() => [home, sources.TONGYUAN_SOURCES_DIR].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('`up --once` syncs the good source, reports the bad file once and leaves out the demo source with no department', async () => {
    const run = startCli(['up', '--once'], { TONGYUAN_HOME: home, TONGYUAN_DEMO_DEPARTMENTS: 'enforcement', TONGYUAN_DEMO_RECORDS: '100', ...sources });
    const code = await run.exited;
    const stderr = run.stderr();
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(run.stdout().trim().split('\n').at(-1)!) as RunSummary;
    expect(summary.sources).toBe(1);
    expect(summary.pulled).toBeGreaterThan(0);
    // The refused configuration file and the source without its department are left out, not failed.
    expect(summary.failed).toEqual([]);
    const problem = 'broken.yaml: invalid source:\n  /kind: must be one of "http-json", "sql", "file-drop"; got "ftp"';
    expect(stderr.split(problem)).toHaveLength(2);
    // The structured log carries it too, once, with the file and the path.
    const logged = stderr.split('\n').filter((line) => line.startsWith('{') && line.includes('invalid source file skipped'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 'ERROR', problems: ['/kind: must be one of "http-json", "sql", "file-drop"; got "ftp"'] });
    expect(stderr.match(/not syncing source demo-credit: its demo department is not running/g)).toHaveLength(1);
    expect(stderr).not.toContain('source sync failed');
  });
});
