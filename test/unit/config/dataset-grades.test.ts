import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { describeFileProblem, loadDatasets } from '../../../src/config/catalog.js';
import { repoRoot } from '../../support/cli.js';

/** The repository's penalty dataset, changed by `edit`, alone in a temporary folder with the licence dataset. */
function datasetsWith(edit: (dataset: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-datasets-'));
  const dataset = parse(readFileSync(join(repoRoot, 'datasets', 'enforcement-decisions.yaml'), 'utf8')) as Record<string, unknown>;
  edit(dataset);
  writeFileSync(join(dir, 'enforcement-decisions.yaml'), stringify(dataset));
  writeFileSync(join(dir, 'administrative-licenses.yaml'), readFileSync(join(repoRoot, 'datasets', 'administrative-licenses.yaml')));
  return dir;
}

describe('loading datasets: one that could not be published is refused, naming the field', () => {
  const dirs: string[] = [];
  const use = (dir: string) => (dirs.push(dir), dir);
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses a dataset that publishes an L4 field, as it reports schema problems', async () => {
    const dir = use(datasetsWith((d) => (d.fields as string[]).splice(5, 0, 'partyIdNumber')));
    const { valid, problems } = await loadDatasets(dir);
    expect(valid.map((d) => d.id)).toEqual(['administrative-licenses']);
    const file = relative(process.cwd(), join(dir, 'enforcement-decisions.yaml'));
    expect(problems).toEqual([
      {
        file,
        what: 'dataset',
        problems: [
          '/fields/5: 字段 partyIdNumber（证件号码）分级为 L4（禁止开放），不得发布 / partyIdNumber is graded L4 (never opened) and cannot be published',
        ],
      },
    ]);
    expect(describeFileProblem(problems[0]!)).toContain(`${file}: invalid dataset:\n  /fields/5: 字段 partyIdNumber（证件号码）`);
  });

  it('refuses a dataset that lowers a grade', async () => {
    const dir = use(
      datasetsWith((d) => {
        (d.fields as string[]).push('legalRepresentativeIdNumber');
        d.grades = { legalRepresentativeIdNumber: 'L2' };
      }),
    );
    const { problems } = await loadDatasets(dir);
    expect(problems[0]!.problems).toContain(
      '/grades/legalRepresentativeIdNumber: 字段 legalRepresentativeIdNumber（法定代表人证件号码）：数据集不得调低分级 L4→L2 / a dataset may raise a grade, never lower it',
    );
  });

  it('still reports schema problems first, without the grade check', async () => {
    const dir = use(datasetsWith((d) => delete d.fields));
    const { problems } = await loadDatasets(dir);
    expect(problems[0]!.problems).toEqual(['/: missing required property "fields"']);
  });
});
