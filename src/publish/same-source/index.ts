export { catalogueWriters, readCatalogue, CATALOGUE_CSV, CATALOGUE_JSON, type CatalogueOptions } from './catalogue-writers.js';
export { CATALOGUE_COLUMNS, type CatalogueEntry } from './catalogue-entry.js';
export { IndexNumberAllocator, IndexNumberPattern, organisationCodeOf, type AssignedIndexNumber } from './index-number.js';
