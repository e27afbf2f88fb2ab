/** 智能检索: one search over every published dataset and record (see each module for its concern). */
export { createAnalyzer, defaultAnalyzer, type Analyzer, type Clause } from './analyzer.js';
export { createSearchService, type SearchAnswer, type SearchHit, type SearchQuery, type SearchService, type SearchSources } from './search-service.js';
export { SEARCH_INDEX_FILE, SEARCH_INDEX_FORMAT, searchIndexWriter } from './segment-file.js';
export { SYNONYMS } from './synonyms.js';
