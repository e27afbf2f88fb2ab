import type { Provenance, StoredVersion } from './model.js';

/**
 * Where each field of a stored record came from: source, raw batch and position, source
 * key and extraction time. Records written before golden merging name their one source.
 */
export function fieldProvenance(version: StoredVersion): Readonly<Record<string, Provenance>> {
  const { fieldSources, contributors } = version;
  return Object.fromEntries(
    Object.keys(version.record).map((field) => {
      const ref = fieldSources?.[field];
      return [field, (ref !== undefined ? contributors?.[ref] : undefined) ?? version.provenance];
    }),
  );
}
