import type { ApiDeps } from '../../src/api/app.js';
import { MemoryGrantStore } from './memory-grant-store.js';
import { createSearchService } from '../../src/search/index.js';

/**
 * ApiDeps for a test: an empty catalog and store (no grants) unless the test gives its own. The records
 * reader refuses to be used, so a test that reaches it without supplying one fails loudly.
 */
export function testApiDeps(overrides: Partial<ApiDeps> = {}): ApiDeps {
  const deps: Omit<ApiDeps, 'search'> = {
    datasets: async () => [],
    latestRelease: async () => undefined,
    releaseHistory: async () => ({ releases: [] }),
    open: { getStream: async () => undefined },
    records: { query: () => Promise.reject(new Error('this test gave no records reader')) },
    publicBaseUrl: 'https://data.example',
    signingKeys: { publicJwks: () => Promise.reject(new Error('this test gave no signing keys')) },
    grants: new MemoryGrantStore(),
    ...overrides,
  };
  // Search reads the test's own catalog, releases and files unless the test gives its own.
  return { ...deps, search: overrides.search ?? createSearchService(deps) };
}
