/**
 * The composition root: builds each stage's dependencies from the environment the
 * CDK stack (or the embedded runtime) provides. Handlers call these; the core never
 * reads the environment itself.
 */
import { awsClients } from '../aws/clients.js';
import { DynamoChangeMarks } from '../aws/dynamo-change-marks.js';
import { DynamoCheckpointStore } from '../aws/dynamo-checkpoints.js';
import { DynamoKeyLedger } from '../aws/dynamo-key-ledger.js';
import { DynamoProcessedFiles } from '../aws/dynamo-processed-files.js';
import { DynamoQuarantineStore } from '../aws/dynamo-quarantine-store.js';
import { DynamoRecordStore } from '../aws/dynamo-record-store.js';
import { DynamoReleaseCatalog } from '../aws/dynamo-release-catalog.js';
import { S3FileInbox } from '../aws/s3-file-inbox.js';
import { S3ObjectStore } from '../aws/s3-object-store.js';
import { SnsFeedPublisher } from '../aws/sns-publisher.js';
import { SqsSender } from '../aws/sqs-sender.js';
import { bucketName, queueUrl, tableName, topicArn } from '../config/resource-names.js';
import type { FileDropDeps } from '../ingest/connectors/file-drop.js';
import { sourceConnectors } from '../ingest/connectors/index.js';
import { QueueFileRejections } from '../ingest/files/queue-rejections.js';
import { liveItems } from '../ingest/source-items.js';
import type { SyncDeps } from '../ingest/sync-source.js';
import { mappingOf } from '../mapping/source-mapping.js';
import type { NormalizeDeps, RecordTypeRules } from '../normalize/normalize-batch.js';
import { systemClock } from '../ports/index.js';
import type { PublishDeps } from '../publish/publish-dataset.js';
import type { SettleDeps } from '../publish/settle-request.js';
import { recordTypeNamed } from '../records/registry.js';
import type { RouteDeps } from '../route/route-changes.js';
import { RecordOverflow } from '../ssot/overflow.js';
import { precedenceFrom } from '../ssot/source-precedence.js';
import type { Catalog } from './catalog-context.js';

/** Fields of a record type that are opened unconditionally (L1), in schema order. */
export function openColumns(recordType: string): readonly string[] {
  return Object.entries(recordTypeNamed(recordType).grades())
    .filter(([, grade]) => grade === 'L1')
    .map(([field]) => field);
}

export function schemaUri(recordType: string): string {
  return String(recordTypeNamed(recordType).schema.$id);
}

function recordTypeRules(name: string): RecordTypeRules {
  const type = recordTypeNamed(name);
  return {
    validate: (candidate) => type.validate(candidate) as ReturnType<RecordTypeRules['validate']>,
    idOf: (record) => type.idOf(record),
  };
}

/** The raw bucket also keeps SSOT content too large for an item (ssot-overflow/); resolved only when needed. */
const overflowBucket = (): S3ObjectStore => new S3ObjectStore(awsClients().s3, bucketName('raw'));
export const recordContent = (): RecordOverflow => new RecordOverflow(overflowBucket);
/** The SSOT; writers pass the sources, whose configuration declares the precedence of golden-record merges. */
export const recordStore = (sources: Catalog['sources'] = []): DynamoRecordStore =>
  new DynamoRecordStore(awsClients().doc, tableName('records'), systemClock, {
    overflow: overflowBucket,
    precedence: precedenceFrom(sources),
    isValid: (recordType, record) => recordTypeNamed(recordType).validate(record).valid,
  });
export const quarantineStore = (): DynamoQuarantineStore => new DynamoQuarantineStore(awsClients().doc, tableName('quarantine'));
export const releaseCatalog = (): DynamoReleaseCatalog => new DynamoReleaseCatalog(awsClients().doc, tableName('state'));
export const changeMarks = (): DynamoChangeMarks => new DynamoChangeMarks(awsClients().doc, tableName('state'));
export const publishQueue = (): SqsSender => new SqsSender(awsClients().sqs, queueUrl('publish'));
export const openBucket = (): S3ObjectStore => new S3ObjectStore(awsClients().s3, bucketName('open'));
const normalizeQueue = (): SqsSender => new SqsSender(awsClients().sqs, queueUrl('normalize'));

/** The file drop's adapters: the raw bucket's inbox, the state table, the normalize queue. */
function fileDropDeps(): FileDropDeps {
  return {
    inbox: new S3FileInbox(awsClients().s3, bucketName('raw')),
    processed: new DynamoProcessedFiles(awsClients().doc, tableName('state'), systemClock),
    rejections: new QueueFileRejections(normalizeQueue()),
    clock: systemClock,
  };
}

export function ingestDeps(): SyncDeps {
  return {
    raw: new S3ObjectStore(awsClients().s3, bucketName('raw')),
    normalizeQueue: normalizeQueue(),
    checkpoints: new DynamoCheckpointStore(awsClients().doc, tableName('state')),
    clock: systemClock,
    connector: sourceConnectors({ fileDrop: fileDropDeps() }),
    keys: new DynamoKeyLedger(awsClients().doc, tableName('state')),
  };
}

export function normalizeDeps(catalog: Catalog): NormalizeDeps {
  const connector = sourceConnectors({ fileDrop: fileDropDeps() });
  return {
    raw: new S3ObjectStore(awsClients().s3, bucketName('raw')),
    records: recordStore(catalog.sources),
    quarantine: quarantineStore(),
    source: (id) => catalog.source(id),
    recordType: recordTypeRules,
    mapping: mappingOf,
    // Rows the source flags as deleted become tombstones at ingest, never records.
    itemsOf: (source, rawBody) => liveItems(source, connector(source).itemsOf(source, rawBody)),
    clock: systemClock,
  };
}

export function routeDeps(catalog: Catalog): RouteDeps {
  return {
    feed: (feedId) => new SnsFeedPublisher(awsClients().sns, topicArn(feedId)),
    publishQueue: publishQueue(),
    changes: changeMarks(),
    datasets: catalog.datasets,
    openColumns,
    schemaUri,
    now: () => systemClock.now(),
  };
}

export function publishDeps(): PublishDeps {
  return { records: recordStore(), open: openBucket(), releases: releaseCatalog(), openColumns, clock: systemClock };
}

/** Releases wait until a dataset's records have been still this long (seconds). */
function quietSeconds(): number {
  const value = Number(process.env.TONGYUAN_PUBLISH_QUIET_SECONDS ?? 5);
  if (!Number.isFinite(value) || value < 0) throw new Error(`TONGYUAN_PUBLISH_QUIET_SECONDS must be a number of seconds; got "${process.env.TONGYUAN_PUBLISH_QUIET_SECONDS}"`);
  return value;
}

export function settleDeps(): SettleDeps {
  return { ...publishDeps(), changes: changeMarks(), publishQueue: publishQueue(), quietSeconds: quietSeconds(), maxWaitSeconds: 300 };
}
