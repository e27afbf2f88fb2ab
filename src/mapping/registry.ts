import { demoCreditMapping } from './demo-credit.js';
import { demoDocumentsMapping } from './demo-documents.js';
import { demoEnforcementMapping } from './demo-enforcement.js';
import { mapDemoServiceItem } from './demo-service-items.js';
import { demoSgsCsvMapping } from './demo-sgs-csv.js';
import { mappingFromFunction, type MappingDefinition, type MappingFunction } from './mapping.js';

/**
 * Mappings by the name a source's configuration gives in `mapping`. Prefer a field map
 * (field-map.ts): it is data, versioned, and names the source field behind every error.
 * A plain function is accepted as version 1.
 */
const mappings: Readonly<Record<string, MappingDefinition | MappingFunction>> = {
  'demo-enforcement': demoEnforcementMapping,
  'demo-credit': demoCreditMapping,
  'demo-documents': demoDocumentsMapping,
  'demo-sgs-csv': demoSgsCsvMapping,
  'demo-service-items': mapDemoServiceItem,
};

export function mappingNamed(name: string): MappingDefinition {
  const mapping = mappings[name];
  if (!mapping) throw new Error(`unknown mapping "${name}"; known: ${Object.keys(mappings).join(', ')}`);
  return typeof mapping === 'function' ? mappingFromFunction(name, 1, mapping) : mapping;
}
