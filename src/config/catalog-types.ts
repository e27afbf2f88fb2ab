// Types derive from the JSON Schemas (npm run codegen); this module only names them.
export type { SourceConfig } from '../generated/source.types.js';
export type { DatasetConfig } from '../generated/dataset.types.js';
