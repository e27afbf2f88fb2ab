import { join } from 'node:path';
import { loadSourceFile, type SourceConfig } from '../../src/config/catalog.js';
import type { MappingDefinition } from '../../src/mapping/mapping.js';
import { mappingOf } from '../../src/mapping/source-mapping.js';
import { repoRoot } from './cli.js';

/** For sources a test only ingests: normalize never reads this map. */
export const INGEST_ONLY_MAPPING: SourceConfig['mapping'] = { version: 1, fields: { id: { from: 'id' } } };

/** A demo department's source, as sources/<id>.yaml declares it. */
export const demoSource = (id: string): Promise<SourceConfig> => loadSourceFile(join(repoRoot, 'sources', `${id}.yaml`));

/** A demo department's mapping, compiled from the field map in its source file. */
export const demoMapping = async (id: string): Promise<MappingDefinition> => mappingOf(await demoSource(id));
