import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TongyuanStack } from '../lib/tongyuan-stack.js';
import { describeFileProblem, loadDatasets, loadSources } from '../src/config/catalog.js';
import { loadRuntimeConfig } from '../src/config/runtime-config.js';
import { loadSubscribers } from '../src/config/subscribers.js';

// A deploy ships what it was given: a refused source file stops the synth rather than
// deploying without its department (the running stack skips such a file, reporting it).
// The same holds for dataset files: a dataset refused here (an L4 field, a lowered grade)
// would be skipped by every function at run time, so it stops the synth instead.
const catalogDirs = loadRuntimeConfig(process.env).catalogDirs;
const [sources, datasets, subscribers] = await Promise.all([
  loadSources(catalogDirs.sources),
  loadDatasets(catalogDirs.datasets),
  loadSubscribers(catalogDirs.subscribers),
]);
if (sources.problems.length > 0) throw new Error(`cannot synthesize with invalid source files:\n${sources.problems.map(describeFileProblem).join('\n')}`);
// A refused subscriber file would deploy without the partner's queue: stop instead.
if (subscribers.problems.length > 0)
  throw new Error(`cannot synthesize with invalid subscriber files:\n${subscribers.problems.map(describeFileProblem).join('\n')}`);
if (datasets.problems.length > 0) throw new Error(`cannot synthesize with invalid dataset files:\n${datasets.problems.map(describeFileProblem).join('\n')}`);

const app = new App();
new TongyuanStack(app, 'Tongyuan', {
  description: 'tongyuan: data sync and open-data layer',
  // Environment-agnostic unless the CLI knows a target account and region.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  // Every source gets its sync schedule from its own configuration (sources/*.yaml).
  sources: sources.valid,
  // Every dataset gets a Glue table over its Parquet releases (datasets/*.yaml).
  datasets: datasets.valid,
  // Every subscriber gets its queue, dead-letter queue, filtered subscriptions and alarms (subscribers/*.yaml).
  subscribers: subscribers.valid,
});
// cdk-nag 3 runs as a policy-validation plugin (v2 was an Aspect): any unacknowledged
// AwsSolutions error fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
