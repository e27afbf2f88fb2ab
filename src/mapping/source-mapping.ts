import type { SourceConfig } from '../generated/source.types.js';
import { compileFieldMap } from './field-map.js';
import type { MappingDefinition } from './mapping.js';

/** Compiled once per loaded source: the catalog compiles it while checking the file, normalize reuses it. */
const compiled = new WeakMap<SourceConfig['mapping'], MappingDefinition>();

/** The mapping of a source, from the field map in its configuration (`mapping:`); its id is the source's. */
export function mappingOf(source: Pick<SourceConfig, 'id' | 'recordType' | 'mapping'>): MappingDefinition {
  let mapping = compiled.get(source.mapping);
  if (!mapping) {
    mapping = compileFieldMap({ ...source.mapping, id: source.id, recordType: source.recordType });
    compiled.set(source.mapping, mapping);
  }
  return mapping;
}
