import { createHash } from 'node:crypto';
import type { Composition } from '../../src/app/composition.js';
import { chinaDate } from '../../src/calendar/index.js';
import { publicityJudgeFor } from '../../src/disclosure/publicity-by-type.js';
import { datasetFilter } from '../../src/publish/dataset-filter.js';
import type { StoredVersion } from '../../src/ssot/model.js';
import { RECORD_TYPE, result, type InvariantResult } from './invariants.js';

interface ManifestFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * No release partly visible, none cut from an unsettled cycle: every release in each dataset's
 * history has its manifest and every file it names; the latest one's files hash as its manifest
 * says, and it holds exactly the rows the settled SSOT publishes today.
 */
export async function releasesComplete(app: Composition, current: ReadonlyMap<string, StoredVersion>): Promise<InvariantResult> {
  const problems: string[] = [];
  const details: string[] = [];
  const open = app.openBucket();
  const releases = app.releaseCatalog();
  const today = chinaDate(new Date());
  const records = [...new Map([...current.values()].map((s) => [s.recordId, s])).values()];
  for (const dataset of (await app.catalog()).datasets.filter((d) => d.recordType === RECORD_TYPE)) {
    const latest = await releases.latest(dataset.id);
    if (!latest) {
      problems.push(`${dataset.id}: no release`);
      continue;
    }
    const inDataset = datasetFilter(dataset);
    const judge = publicityJudgeFor(dataset.recordType);
    const expected = records.filter((s) => inDataset(s.record) && (!dataset.disclosure || judge(s.record, today, dataset.disclosure).published)).length;
    if (latest.rowCount !== expected)
      problems.push(`${dataset.id}: latest release ${latest.releaseId} has ${latest.rowCount} rows, the settled SSOT publishes ${expected}`);
    const manifestBody = await open.get(latest.manifestKey);
    if (!manifestBody) {
      problems.push(`${dataset.id}: latest release ${latest.releaseId} has no manifest`);
      continue;
    }
    const manifest = JSON.parse(Buffer.from(manifestBody).toString('utf8')) as { rowCount: number; files: ManifestFile[] };
    if (manifest.rowCount !== latest.rowCount) problems.push(`${dataset.id}: manifest says ${manifest.rowCount} rows, the pointer ${latest.rowCount}`);
    for (const file of latest.files) {
      const listed = manifest.files.find((f) => f.name === file.name);
      const body = await open.get(file.key);
      if (!listed) problems.push(`${dataset.id}/${latest.releaseId}: ${file.name} is not in the manifest`);
      else if (!body) problems.push(`${dataset.id}/${latest.releaseId}: ${file.name} is missing`);
      else {
        const sha256 = createHash('sha256').update(body).digest('hex');
        if (sha256 !== listed.sha256 || body.length !== listed.bytes)
          problems.push(
            `${dataset.id}/${latest.releaseId}: ${file.name} is ${body.length} bytes ${sha256}, the manifest says ${listed.bytes} ${listed.sha256}`,
          );
      }
    }
    let count = 0;
    for (let after: string | undefined, first = true; first || after; first = false) {
      const page = await releases.history(dataset.id, { limit: 100, ...(after ? { after } : {}) });
      for (const release of page.releases) {
        count += 1;
        for (const key of [release.manifestKey, ...release.files.map((f) => f.key)])
          if (!(await open.exists(key))) problems.push(`${dataset.id}/${release.releaseId}: ${key} is missing (a release partly visible)`);
      }
      after = page.next;
    }
    details.push(`${dataset.id}: ${latest.rowCount} rows in ${latest.files.length} files, ${count} releases`);
  }
  return result('latest releases complete, every release whole', problems, details.join('; '));
}
