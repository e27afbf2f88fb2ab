import { Aws, Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { datasetReleasesPrefix, PARQUET_FOLDER, RELEASE_COLUMN, type QueryTableDef } from '../../src/infra/query-tables.js';
import { STORAGE_TYPES } from '../../src/publish/release-columns.js';
import { pascalId } from './model-ids.js';

/** Athena refuses a per-query cutoff under 10 MB. */
const MIN_BYTES_SCANNED_CUTOFF = 10_000_000;

export interface OpenDataCatalogProps {
  /** The bucket the releases are written to (`open/…` and `restricted/…`). */
  readonly releaseBucket: IBucket;
  /** One Glue table per dataset; names must be unique. */
  readonly tables: readonly QueryTableDef[];
  /** Receives the server access logs of the query results bucket (prefix `athena-results/`). */
  readonly accessLogBucket: IBucket;
  /**
   * Name of the Glue database (lower case letters, digits, underscores).
   * @default 'tongyuan'
   */
  readonly databaseName?: string;
  /**
   * Bytes one query may scan before Athena cancels it (at least 10 MB): a runaway query over
   * years of releases costs this much at most.
   * @default 10 GB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * How long query results are kept; they are re-creatable by re-running the query.
   * @default 30 days
   */
  readonly resultExpiration?: Duration;
}

/**
 * SQL over every release: a Glue Data Catalog database with one table per dataset over
 * its Parquet releases, partitioned by release, and an Athena workgroup that writes
 * encrypted results to a bucket of its own and stops a query at a scan limit.
 *
 * Partitions are projected, not registered: `release` is an `injected` projection, so a
 * new release is queryable the moment its Parquet file exists, with no crawler, no
 * `ALTER TABLE ADD PARTITION` and no Glue write from the publish function. Release ids
 * (a timestamp and a content hash) are neither an integer nor a date range nor a known
 * list, which rules out the other projection types. The price: Athena requires every
 * query to name the release(s) (`WHERE release = '…'` or `IN (…)`); a query over all
 * releases at once needs registered partitions instead.
 */
export class OpenDataCatalog extends Construct {
  readonly database: CfnDatabase;
  /** Glue tables by dataset id. */
  readonly tables: ReadonlyMap<string, CfnTable>;
  readonly workGroup: CfnWorkGroup;
  readonly resultsBucket: Bucket;

  constructor(scope: Construct, id: string, props: OpenDataCatalogProps) {
    super(scope, id);
    const databaseName = props.databaseName ?? 'tongyuan';
    const cutoff = props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3;
    const expiration = props.resultExpiration ?? Duration.days(30);
    validate(props.tables, databaseName, cutoff, expiration);

    this.database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: databaseName, description: 'tongyuan open-data releases (开放数据集各版本), one table per dataset' },
    });
    const tables = new Map<string, CfnTable>();
    for (const def of props.tables) {
      const table = new CfnTable(this, `${pascalId(def.datasetId)}Table`, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName,
        tableInput: tableInput(def, props.releaseBucket.bucketName),
      });
      table.addDependency(this.database);
      tables.set(def.datasetId, table);
    }
    this.tables = tables;

    this.resultsBucket = new Bucket(this, 'QueryResults', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'athena-results/',
      // Results are re-creatable; nothing of value is lost with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `${databaseName}-analysts`,
      description: 'SQL over every open-data release; results encrypted, scan limited per query',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        // Clients cannot point results elsewhere or turn encryption or the limit off.
        enforceWorkGroupConfiguration: true,
        bytesScannedCutoffPerQuery: cutoff,
        publishCloudWatchMetricsEnabled: true,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }
}

function tableInput(def: QueryTableDef, bucketName: string): CfnTable.TableInputProperty {
  const base = `s3://${bucketName}/${datasetReleasesPrefix(def.category, def.datasetId)}`;
  return {
    name: def.name,
    description: def.description,
    tableType: 'EXTERNAL_TABLE',
    parameters: {
      EXTERNAL: 'TRUE',
      classification: 'parquet',
      'projection.enabled': 'true',
      [`projection.${RELEASE_COLUMN}.type`]: 'injected',
      'storage.location.template': `${base}\${${RELEASE_COLUMN}}/${PARQUET_FOLDER}/`,
      category: def.category,
    },
    partitionKeys: [{ name: RELEASE_COLUMN, type: 'string', comment: '版本 / release id' }],
    storageDescriptor: {
      location: base,
      columns: def.columns.map((column) => ({ name: column.name, type: STORAGE_TYPES[column.type].glue, comment: column.comment })),
      inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', parameters: { 'serialization.format': '1' } },
      compressed: false,
      storedAsSubDirectories: false,
    },
  };
}

/** Everything Glue or Athena would refuse at deploy time, listed at synth. */
function validate(tables: readonly QueryTableDef[], databaseName: string, cutoff: number, expiration: Duration): void {
  const problems: string[] = [];
  const identifier = /^[a-z_][a-z0-9_]{0,254}$/;
  if (!identifier.test(databaseName)) problems.push(`database name ${databaseName} must be lower case letters, digits and underscores`);
  if (!Token.isUnresolved(cutoff) && !(Number.isInteger(cutoff) && cutoff >= MIN_BYTES_SCANNED_CUTOFF))
    problems.push(`bytesScannedCutoffPerQuery must be an integer of at least ${MIN_BYTES_SCANNED_CUTOFF} (10 MB), got ${cutoff}`);
  if (expiration.toDays({ integral: false }) < 1) problems.push('resultExpiration must be at least one day');
  const seen = new Set<string>();
  for (const table of tables) {
    if (!identifier.test(table.name)) problems.push(`dataset ${table.datasetId}: table name ${table.name} is not a Glue identifier`);
    if (seen.has(table.name)) problems.push(`dataset ${table.datasetId}: table name ${table.name} is used twice`);
    seen.add(table.name);
    if (table.columns.length === 0) problems.push(`dataset ${table.datasetId}: a table needs at least one column`);
    const names = table.columns.map((column) => column.name.toLowerCase());
    // Glue and Athena fold names to lower case, and the partition column is a column too.
    for (const name of new Set(names.filter((name, i) => names.indexOf(name) !== i || name === RELEASE_COLUMN)))
      problems.push(`dataset ${table.datasetId}: column ${name} clashes (case-insensitively, or with the ${RELEASE_COLUMN} partition)`);
  }
  if (problems.length > 0) throw new Error(`cannot build the open-data catalogue:\n  ${problems.join('\n  ')}`);
}
