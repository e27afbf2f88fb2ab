import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDatasets, type DatasetConfig } from '../../../src/config/catalog.js';
import { STORAGE_TYPES } from '../../../src/publish/release-columns.js';
import { datasetCategory, releaseColumns } from '../../../src/grading/index.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { logicalId, repositoryRoot, SYNTH_TIMEOUT_MS, synthesizeStack, type SynthesizedStack } from '../lib/stack-fixture.js';

/** A dataset with a field raised to L2: 受限开放, so its releases live under restricted/. */
const restrictedDataset: DatasetConfig = {
  ...DATASET_DEFAULTS,
  id: 'penalties-restricted',
  recordType: 'enforcement-decision',
  fields: ['decisionNumber', 'partyName', 'fineYuan', 'decisionDate', 'penaltyTypes'],
  grades: { partyName: 'L2' },
};

let datasets: readonly DatasetConfig[];
let synthesized: SynthesizedStack;
beforeAll(async () => {
  const loaded = await loadDatasets(join(repositoryRoot, 'datasets'));
  expect(loaded.problems).toEqual([]);
  datasets = [...loaded.valid, restrictedDataset];
  synthesized = synthesizeStack({ datasets });
}, SYNTH_TIMEOUT_MS);

const tableOf = (datasetId: string) => {
  const { stack, cfn } = synthesized;
  const table = stack.catalog.tables.get(datasetId);
  if (!table) throw new Error(`no Glue table for ${datasetId}`);
  return cfn[stack.getLogicalId(table)]!.Properties as {
    DatabaseName: string;
    TableInput: Record<string, unknown> & { StorageDescriptor: Record<string, unknown> };
  };
};
const openBucket = () => ({ Ref: logicalId(synthesized.stack.buckets.buckets.get('open')!) });

describe('Glue Data Catalog', () => {
  it('has one database and one table per dataset of datasets/', () => {
    synthesized.template.resourceCountIs('AWS::Glue::Database', 1);
    synthesized.template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'tongyuan' } });
    expect(datasets.length).toBeGreaterThanOrEqual(4);
    synthesized.template.resourceCountIs('AWS::Glue::Table', datasets.length);
  });

  it('reads each open dataset under open/<dataset>/, partitioned by an injected release', () => {
    for (const dataset of datasets.filter((d) => datasetCategory(d) === 'open')) {
      const { DatabaseName, TableInput } = tableOf(dataset.id);
      expect(DatabaseName).toBe('tongyuan');
      expect(TableInput).toMatchObject({
        Name: dataset.id.replace(/-/g, '_'),
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [{ Name: 'release', Type: 'string' }],
        Parameters: {
          classification: 'parquet',
          'projection.enabled': 'true',
          'projection.release.type': 'injected',
          'storage.location.template': { 'Fn::Join': ['', ['s3://', openBucket(), `/open/${dataset.id}/\${release}/parquet/`]] },
        },
        StorageDescriptor: {
          Location: { 'Fn::Join': ['', ['s3://', openBucket(), `/open/${dataset.id}/`]] },
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      });
    }
  });

  it('reads a restricted (受限开放) dataset under restricted/<dataset>/', () => {
    const { TableInput } = tableOf(restrictedDataset.id);
    expect(TableInput.Parameters).toMatchObject({
      'storage.location.template': { 'Fn::Join': ['', ['s3://', openBucket(), `/restricted/${restrictedDataset.id}/\${release}/parquet/`]] },
    });
  });

  it('declares the published columns in order, typed through STORAGE_TYPES, commented in Chinese', () => {
    const { TableInput } = tableOf(restrictedDataset.id);
    expect(TableInput.StorageDescriptor.Columns).toEqual([
      { Name: 'decisionNumber', Type: 'string', Comment: expect.stringMatching(/\p{Script=Han}/u) },
      { Name: 'partyName', Type: 'string', Comment: expect.any(String) },
      { Name: 'fineYuan', Type: 'decimal(18,2)', Comment: expect.any(String) },
      { Name: 'decisionDate', Type: 'date', Comment: expect.any(String) },
      { Name: 'penaltyTypes', Type: 'array<string>', Comment: expect.any(String) },
    ]);
    for (const dataset of datasets) {
      const columns = tableOf(dataset.id).TableInput.StorageDescriptor.Columns as { Name: string; Type: string }[];
      expect(columns.map((c) => [c.Name, c.Type])).toEqual(releaseColumns(dataset).map((c) => [c.field, STORAGE_TYPES[c.type].glue]));
    }
  });
});

describe('Athena workgroup', () => {
  it('enforces its configuration, encrypts results into its own bucket and cuts a query off at the scan limit', () => {
    const { stack, template } = synthesized;
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: logicalId(stack.catalog.resultsBucket) }, '/results/']] },
        },
      },
    });
  });

  it('keeps results in a private, encrypted, TLS-only bucket that expires them', () => {
    const { stack, cfn, template } = synthesized;
    const bucket = cfn[logicalId(stack.catalog.resultsBucket)]!.Properties;
    expect(bucket).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack.catalog.resultsBucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it(
    'takes the scan limit from the stack props',
    () => {
      const { template } = synthesizeStack({ athenaBytesScannedCutoff: 1024 ** 3 });
      template.hasResourceProperties('AWS::Athena::WorkGroup', { WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 1024 ** 3 } });
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('early validation', () => {
  it('refuses a scan limit under Athena minimum before building anything', () => {
    expect(() => synthesizeStack({ athenaBytesScannedCutoff: 1000 })).toThrow(/athenaBytesScannedCutoff must be an integer of at least 10000000/);
  });

  it('refuses a dataset with an L4 field, naming it', () => {
    const secret: DatasetConfig = { ...restrictedDataset, id: 'secret-penalties', grades: { partyName: 'L4' } };
    expect(() => synthesizeStack({ datasets: [secret] })).toThrow(/secret-penalties: 字段 partyName.*L4/);
  });

  it('refuses two datasets whose table names clash', () => {
    expect(() => synthesizeStack({ datasets: [restrictedDataset, { ...restrictedDataset }] })).toThrow(/table name penalties_restricted is used twice/);
  });
});

describe('cdk-nag', () => {
  it('reports nothing with the catalogue and its tables', () => {
    const report = new AwsSolutionsChecks(synthesized.app, { verbose: true }).validateScope(synthesized.app);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
