import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeFileProblem, loadDatasets, loadSources } from '../../../src/config/catalog.js';
import { repoRoot } from '../../support/cli.js';

/** A temporary folder holding the repository's demo-enforcement source and the given files. */
function sourcesWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-catalog-'));
  copyFileSync(join(repoRoot, 'sources', 'demo-enforcement.yaml'), join(dir, 'demo-enforcement.yaml'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const shown = (dir: string, name: string) => relative(process.cwd(), join(dir, name));

describe('loading the source catalog: a bad file is reported and skipped, the others load', () => {
  const dirs: string[] = [];
  const use = (dir: string) => (dirs.push(dir), dir);
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('skips a file with an unknown kind, naming the file, the path and the allowed kinds', async () => {
    const dir = use(
      sourcesWith({ 'ftp-drop.yaml': 'id: ftp-drop\ntitle: x\ndepartment: y\nkind: ftp\nrecordType: credit-record\nmapping: demo-credit\nconnection: {}\n' }),
    );
    const { valid, problems } = await loadSources(dir);
    expect(valid.map((s) => s.id)).toEqual(['demo-enforcement']);
    expect(problems).toEqual([
      { file: shown(dir, 'ftp-drop.yaml'), what: 'source', problems: ['/kind: must be one of "http-json", "sql", "file-drop"; got "ftp"'] },
    ]);
    expect(describeFileProblem(problems[0]!)).toBe(
      `${shown(dir, 'ftp-drop.yaml')}: invalid source:\n  /kind: must be one of "http-json", "sql", "file-drop"; got "ftp"`,
    );
  });

  it('skips a file that is not YAML, naming the line and column', async () => {
    const dir = use(sourcesWith({ 'broken.yaml': 'id: broken\ntitle: [unclosed\nkind: sql\n' }));
    const { valid, problems } = await loadSources(dir);
    expect(valid.map((s) => s.id)).toEqual(['demo-enforcement']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(shown(dir, 'broken.yaml'));
    expect(problems[0]!.problems).toHaveLength(1);
    expect(problems[0]!.problems[0]).toMatch(/^\/: not valid YAML: .*at line \d+, column \d+/);
  });

  it('refuses both files of a duplicate id, each naming the other', async () => {
    const dir = use(sourcesWith({}));
    copyFileSync(join(dir, 'demo-enforcement.yaml'), join(dir, 'copy.yaml'));
    const { valid, problems } = await loadSources(dir);
    expect(valid).toEqual([]);
    expect(problems).toEqual([
      {
        file: shown(dir, 'copy.yaml'),
        what: 'source',
        problems: [`/id: source id "demo-enforcement" is also defined in ${shown(dir, 'demo-enforcement.yaml')}`],
      },
      {
        file: shown(dir, 'demo-enforcement.yaml'),
        what: 'source',
        problems: [`/id: source id "demo-enforcement" is also defined in ${shown(dir, 'copy.yaml')}`],
      },
    ]);
  });

  it('skips an invalid dataset file and keeps the valid ones', async () => {
    const dir = use(mkdtempSync(join(tmpdir(), 'tongyuan-datasets-')));
    copyFileSync(join(repoRoot, 'datasets', 'enforcement-decisions.yaml'), join(dir, 'enforcement-decisions.yaml'));
    writeFileSync(join(dir, 'half.yaml'), 'id: half-done\ntitle: 半成品\n');
    const { valid, problems } = await loadDatasets(dir);
    expect(valid.map((d) => d.id)).toEqual(['enforcement-decisions']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(shown(dir, 'half.yaml'));
    expect(problems[0]!.problems.length).toBeGreaterThan(0);
    expect(problems[0]!.problems.every((p) => /^\/\S*: /.test(p))).toBe(true);
  });
});
