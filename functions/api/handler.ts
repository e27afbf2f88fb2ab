import { handle } from 'hono/aws-lambda';
import { createApi } from '../../src/api/app.js';
import { catalog } from '../../src/app/catalog-context.js';
import { openBucket, releaseCatalog } from '../../src/app/composition.js';

const releases = releaseCatalog();

export const app = createApi({
  datasets: async () => (await catalog()).datasets,
  latestRelease: (id) => releases.latest(id),
  open: openBucket(),
});

export const handler = handle(app);
