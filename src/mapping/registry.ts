import type { Mapping } from '../normalize/normalize-batch.js';
import { mapDemoPenalty } from './demo-enforcement.js';

/** Mappings by the name a source's configuration gives in `mapping`. */
const mappings: Readonly<Record<string, Mapping>> = {
  'demo-enforcement': mapDemoPenalty,
};

export function mappingNamed(name: string): Mapping {
  const mapping = mappings[name];
  if (!mapping) throw new Error(`unknown mapping "${name}"; known: ${Object.keys(mappings).join(', ')}`);
  return mapping;
}
