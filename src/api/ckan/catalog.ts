import type { DatasetConfig } from '../../config/catalog.js';
import type { SensitivityGrade } from '../../generated/dataset.types.js';
import { publishedGrades, stricterGrade } from '../../grading/index.js';
import { isFinalRelease, type ReleasePointer } from '../../publish/release.js';
import type { ApiDeps } from '../deps.js';
import { packageOf, type CkanPackage, type PackageSite, type PackageSource } from './package.js';
import { siteNamespace } from './vocabulary.js';
import { servedCategory } from '../dataset-category.js';

/** The catalog as CKAN sees it: every dataset as a package, built from the API's dependencies. */
export interface CkanCatalog {
  readonly site: PackageSite;
  /** Every package, in dataset-definition order. */
  packages(): Promise<readonly PackagedDataset[]>;
  /** One package by its id or name (the same here), or undefined. */
  find(id: string): Promise<PackagedDataset | undefined>;
}

/** A package with what it was built from, for the actions that must read rows or check access. */
export interface PackagedDataset {
  readonly source: PackageSource;
  readonly package: CkanPackage;
}

export function ckanCatalog(deps: ApiDeps): CkanCatalog {
  const site: PackageSite = { base: deps.publicBaseUrl, namespace: siteNamespace(deps.publicBaseUrl) };
  const build = async (dataset: DatasetConfig): Promise<PackagedDataset> => {
    const latest = await deps.latestRelease(dataset.id);
    const { first, lastFinal } = latest ? await historyEnds(deps, dataset.id) : {};
    const source: PackageSource = {
      dataset,
      category: servedCategory(deps, dataset, latest),
      grade: highestGrade(dataset),
      latest,
      first,
      ...(latest?.provisional ? { lastFinal } : {}),
    };
    return { source, package: packageOf(site, source) };
  };
  return {
    site,
    packages: async () => Promise.all((await deps.datasets()).map(build)),
    find: async (id) => {
      const dataset = (await deps.datasets()).find((d) => d.id === id);
      return dataset ? build(dataset) : undefined;
    },
  };
}

/**
 * The oldest release (metadata_created) and the newest final one, in one walk: the history is
 * newest first, so its last page ends with the oldest.
 */
async function historyEnds(deps: ApiDeps, datasetId: string): Promise<{ first?: ReleasePointer; lastFinal?: ReleasePointer }> {
  let page = await deps.releaseHistory(datasetId, { limit: 100 });
  let oldest = page.releases.at(-1);
  let lastFinal = page.releases.find(isFinalRelease);
  while (page.next) {
    page = await deps.releaseHistory(datasetId, { limit: 100, after: page.next });
    oldest = page.releases.at(-1) ?? oldest;
    lastFinal ??= page.releases.find(isFinalRelease);
  }
  return { ...(oldest ? { first: oldest } : {}), ...(lastFinal ? { lastFinal } : {}) };
}

/** The highest grade of a released field; a record type the grading does not know leaves it out. */
function highestGrade(dataset: DatasetConfig): SensitivityGrade | undefined {
  let grades: ReadonlyMap<string, SensitivityGrade>;
  try {
    grades = publishedGrades(dataset);
  } catch {
    return undefined;
  }
  return [...grades.values()].reduce<SensitivityGrade | undefined>((high, grade) => (high ? stricterGrade(high, grade) : grade), undefined);
}
