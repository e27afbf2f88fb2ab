/**
 * The composition root: builds each stage's dependencies from the configuration and the
 * SDK clients it is given. The edge (a handler's cold start, a CLI run, `tongyuan up`)
 * reads the configuration once and creates the clients; nothing here reads the
 * environment, and the core never sees either.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiDeps } from '../api/app.js';
import { createApiGatewayClient, type AwsClients } from '../aws/clients.js';
import { processRecordsReader } from '../api/records/process-reader.js';
import { DynamoChangeMarks } from '../aws/dynamo-change-marks.js';
import { DynamoCheckpointStore } from '../aws/dynamo-checkpoints.js';
import { DynamoSourceRuns } from '../aws/dynamo-source-runs.js';
import { DynamoRecordCounts } from '../aws/dynamo-record-counts.js';
import { RUN_STALE_SECONDS, type RunCompletionDeps } from '../runs/run-completion.js';
import { DynamoDisclosureLedger } from '../aws/dynamo-disclosure-ledger.js';
import { DynamoGrantStore } from '../aws/dynamo-grant-store.js';
import { DynamoKeyLedger } from '../aws/dynamo-key-ledger.js';
import { DynamoProcessedFiles } from '../aws/dynamo-processed-files.js';
import { DynamoQuarantineStore } from '../aws/dynamo-quarantine-store.js';
import { DynamoRecordStore } from '../aws/dynamo-record-store.js';
import { DynamoBuildLeases } from '../aws/dynamo-build-leases.js';
import { DynamoReleaseCatalog } from '../aws/dynamo-release-catalog.js';
import { S3FileInbox } from '../aws/s3-file-inbox.js';
import { DEFAULT_FEED_KEYS_SECRET, FEED_KEYS_SECRET_VAR, SecretsManagerSigningKeys } from '../aws/secrets-manager-signing-keys.js';
import { S3ObjectListing } from '../aws/s3-object-listing.js';
import { S3ObjectStore } from '../aws/s3-object-store.js';
import { SnsFeedPublisher } from '../aws/sns-publisher.js';
import { SqsSender } from '../aws/sqs-sender.js';
import { SqsQueueBacklog } from '../aws/sqs-queue-backlog.js';
import { ConfigError, type SourceConfig } from '../config/catalog.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { secretProviders } from '../config/secret-refs.js';
import type { SourceConnector } from '../ingest/connectors/connector.js';
import type { FileDropDeps } from '../ingest/connectors/file-drop.js';
import { createConnectors } from '../ingest/connectors/index.js';
import { QuarantineFirstRejections } from '../ingest/files/quarantine-first-rejections.js';
import { QueueFileRejections } from '../ingest/files/queue-rejections.js';
import { liveItems } from '../ingest/source-items.js';
import type { SyncDeps } from '../ingest/sync-source.js';
import type { FanoutDeps } from '../feeds/fanout.js';
import { JwkFeedSigner } from '../feeds/signature.js';
import type { PrivateKeySet } from '../feeds/feed-keys.js';
import { FileSigningKeys } from '../local/file-signing-keys.js';
import type { SigningKeys } from '../ports/signing-keys.js';
import { DynamoDeliveryLedger } from '../aws/dynamo-delivery-ledger.js';
import { DynamoFeedLog } from '../aws/dynamo-feed-log.js';
import { ApiGatewayUsagePlanKeys } from '../aws/api-gateway-usage-keys.js';
import { LocalUsagePlanKeys } from '../grants/local-usage-plan-keys.js';
import type { UsagePlanKeys } from '../ports/grant-store.js';
import { mappingOf } from '../mapping/source-mapping.js';
import type { NormalizeDeps } from '../normalize/normalize-batch.js';
import { systemClock, type Clock } from '../ports/index.js';
import type { PublishDeps } from '../publish/publish-dataset.js';
import type { SettleDeps } from '../publish/settle-request.js';
import type { PipelineActivity } from '../publish/pipeline-settled.js';
import { isRecordTypeName, recordTypeNamed } from '../records/registry.js';
import type { RouteDeps } from '../route/route-changes.js';
import { RecordOverflow } from '../ssot/overflow.js';
import { precedenceFrom } from '../ssot/source-precedence.js';
import { identityValues } from '../records/identity.js';
import { loadCatalog, type Catalog } from '../config/catalog-context.js';
import { freeTextColumns, recordTypeRules } from './record-type-rules.js';
import { releasePieces } from './release-pieces.js';
import { createSearchService } from '../search/index.js';
import { sourceValidity } from '../publish/source-validity.js';

/** A publish request waits at most this long for its dataset's records to be still. */
const PUBLISH_MAX_WAIT_SECONDS = 300;

export class Composition {
  private catalogLoading: Promise<Catalog> | undefined;
  /** The connector for a source's kind, with this configuration's secrets and file-drop adapters. */
  readonly connectorFor: (source: SourceConfig) => SourceConnector;

  constructor(
    readonly config: RuntimeConfig,
    readonly clients: AwsClients,
    readonly clock: Clock = systemClock,
  ) {
    this.connectorFor = createConnectors({ env: config.env, secrets: secretProviders(config.env), clock, fileDrop: () => this.fileDropDeps() });
  }

  /** Source and dataset definitions, loaded and validated once per composition. */
  catalog(): Promise<Catalog> {
    this.catalogLoading ??= loadCatalog(this.config.catalogDirs);
    return this.catalogLoading;
  }

  /** The raw zone: pulled batches, file-drop inboxes, record content too large for an item. */
  rawBucket = (): S3ObjectStore => this.bucket('raw');
  /** Files already ingested, by content hash. */
  processedFiles = (): DynamoProcessedFiles => new DynamoProcessedFiles(this.clients.doc, this.config.resources.table('state'), this.clock);

  private bucket(id: string): S3ObjectStore {
    return new S3ObjectStore(this.clients.s3, this.config.resources.bucket(id));
  }

  private feedPublisher(feedId: string): SnsFeedPublisher {
    // Events over 240 KiB travel by pointer to the feed-payloads bucket (claim check).
    const payloads = { bucket: this.config.resources.bucket('feed-payloads'), store: this.bucket('feed-payloads') };
    return new SnsFeedPublisher(this.clients.sns, this.config.resources.topic(feedId), payloads);
  }

  private queue(id: string): SqsSender {
    return new SqsSender(this.clients.sqs, this.config.resources.queue(id));
  }

  /** The raw bucket also keeps SSOT content too large for an item (ssot-overflow/); resolved only when needed. */
  recordContent(): RecordOverflow {
    return new RecordOverflow(() => this.bucket('raw'));
  }

  /** The SSOT; writers pass the sources, whose configuration declares the precedence of golden-record merges. */
  recordStore(sources: readonly SourceConfig[] = []): DynamoRecordStore {
    return new DynamoRecordStore(this.clients.doc, this.config.resources.table('records'), this.clock, {
      overflow: () => this.bucket('raw'),
      precedence: precedenceFrom(sources),
      isValid: (recordType, record) => recordTypeNamed(recordType).validate(record).valid,
      // A type the registry lacks (a test's own) has no declared identity: its rows merge as before.
      identityOf: (recordType) => {
        if (!isRecordTypeName(recordType)) return undefined;
        const fields = recordTypeNamed(recordType).identity;
        return fields.length > 0 ? (record) => identityValues(record, fields) : undefined;
      },
    });
  }

  quarantineStore = (): DynamoQuarantineStore => new DynamoQuarantineStore(this.clients.doc, this.config.resources.table('quarantine'));
  releaseCatalog = (): DynamoReleaseCatalog => new DynamoReleaseCatalog(this.clients.doc, this.config.resources.table('state'));
  disclosureLedger = (): DynamoDisclosureLedger => new DynamoDisclosureLedger(this.clients.doc, this.config.resources.table('state'));
  changeMarks = (): DynamoChangeMarks => new DynamoChangeMarks(this.clients.doc, this.config.resources.table('state'));
  sourceRuns = (): DynamoSourceRuns => new DynamoSourceRuns(this.clients.doc, this.config.resources.table('state'));
  /** Live records per type, kept off the SSOT stream by the route; read by the run summary. */
  recordCounts = (): DynamoRecordCounts => new DynamoRecordCounts(this.clients.doc, this.config.resources.table('state'));

  /** What ends a source run: the ledger, and the publish queue for the releases of the datasets its source feeds. */
  runCompletionDeps(catalog: Catalog): RunCompletionDeps {
    return {
      runs: this.sourceRuns(),
      publishQueue: this.queue('publish'),
      datasetsOf: (sourceId) => {
        const { recordType } = catalog.source(sourceId);
        return catalog.datasets.filter((d) => d.recordType === recordType).map((d) => d.id);
      },
      clock: this.clock,
    };
  }
  openBucket = (): S3ObjectStore => this.bucket('open');
  /** 受限开放: applications, grants, keys by hash (the grants table), the audit trail and daily counters (access-audit). */
  grantStore = (): DynamoGrantStore =>
    new DynamoGrantStore(this.clients.doc, this.config.resources.table('grants'), this.config.resources.table('access-audit'));
  /**
   * Where approved keys join API Gateway's `granted` usage plan: in AWS the operator's
   * environment names the plan (TONGYUAN_GRANTED_USAGE_PLAN_ID, the stack's GrantedUsagePlanId
   * output); the embedded stack has no gateway (LocalUsagePlanKeys says why).
   */
  usagePlanKeys = (): UsagePlanKeys => {
    const planId = this.config.env.TONGYUAN_GRANTED_USAGE_PLAN_ID;
    return planId ? new ApiGatewayUsagePlanKeys(createApiGatewayClient(this.config.aws), planId) : new LocalUsagePlanKeys();
  };
  /** Where publish requests go: the route stage's, and `tongyuan datasets publish`. */
  publishQueue = (): SqsSender => this.queue('publish');
  /** The open bucket key by key: `tongyuan query` mirrors its release Parquet files. */
  releaseObjects = (): S3ObjectListing => new S3ObjectListing(this.clients.s3, this.config.resources.bucket('open'));

  /** The file drop's adapters: the raw bucket's inbox, the state table, the normalize queue. */
  fileDropDeps(): FileDropDeps {
    return {
      inbox: new S3FileInbox(this.clients.s3, this.config.resources.bucket('raw')),
      processed: this.processedFiles(),
      rejections: new QuarantineFirstRejections({
        quarantine: this.quarantineStore(),
        recordTypeOf: async (sourceId) => {
          const source = (await this.catalog()).sources.find((s) => s.id === sourceId);
          if (!source) throw new Error(`a file was set aside for source ${sourceId}, which the catalog does not hold`);
          return source.recordType;
        },
        then: new QueueFileRejections(this.queue('normalize')),
      }),
      clock: this.clock,
    };
  }

  ingestDeps(): SyncDeps {
    return {
      raw: this.bucket('raw'),
      normalizeQueue: this.queue('normalize'),
      checkpoints: new DynamoCheckpointStore(this.clients.doc, this.config.resources.table('state')),
      clock: this.clock,
      connector: this.connectorFor,
      keys: new DynamoKeyLedger(this.clients.doc, this.config.resources.table('state')),
    };
  }

  normalizeDeps(catalog: Catalog): NormalizeDeps {
    return {
      raw: this.bucket('raw'),
      records: this.recordStore(catalog.sources),
      quarantine: this.quarantineStore(),
      source: (id) => catalog.source(id),
      recordType: recordTypeRules,
      mapping: mappingOf,
      // Rows the source flags as deleted become tombstones at ingest, never records.
      itemsOf: (source, rawBody) => liveItems(source, this.connectorFor(source).itemsOf(source, rawBody)),
      clock: this.clock,
    };
  }

  /**
   * The feed signing keys, read by the signer and (public halves) the API: a Secrets Manager
   * secret in AWS, the embedded stack's key file when the configuration names one.
   */
  signingKeys(): SigningKeys & { keySet(): Promise<PrivateKeySet> } {
    if (this.config.feedKeysFile) return new FileSigningKeys(this.config.feedKeysFile);
    return new SecretsManagerSigningKeys(secretProviders(this.config.env).secret, this.config.env[FEED_KEYS_SECRET_VAR] ?? DEFAULT_FEED_KEYS_SECRET);
  }

  feedLog = (): DynamoFeedLog => new DynamoFeedLog(this.clients.doc, this.config.resources.table('feeds'));
  deliveryLedger = (): DynamoDeliveryLedger => new DynamoDeliveryLedger(this.clients.doc, this.config.resources.table('feeds'));

  /** What announcing changes on the feeds needs: the log, the signer, each feed's topic, the subscribers, the delivery ledger. */
  feedFanout(catalog: Catalog): FanoutDeps {
    const keys = this.signingKeys();
    return {
      log: this.feedLog(),
      signer: new JwkFeedSigner(() => keys.keySet()),
      publisher: (feed) => this.feedPublisher(feed),
      subscribers: catalog.subscribers,
      deliveries: this.deliveryLedger(),
      now: () => this.clock.now(),
    };
  }

  routeDeps(catalog: Catalog): RouteDeps {
    return {
      feeds: this.feedFanout(catalog),
      publishQueue: this.queue('publish'),
      changes: this.changeMarks(),
      datasets: catalog.datasets,
      freeTextColumns,
      now: () => this.clock.now(),
    };
  }

  publishDeps(): PublishDeps {
    return {
      records: this.recordStore(),
      open: this.openBucket(),
      releases: this.releaseCatalog(),
      ...releasePieces,
      validity: async (dataset, valid) => sourceValidity(dataset.recordType, valid, (await this.catalog()).sources, this.quarantineStore()),
      freeTextColumns,
      clock: this.clock,
      disclosures: this.disclosureLedger(),
      lifecycleFeeds: {
        fanout: async () => this.feedFanout(await this.catalog()),
        datasets: async () => (await this.catalog()).datasets,
        freeTextColumns,
      },
    };
  }

  settleDeps(): SettleDeps {
    const pipeline = this.pipelineActivity();
    return {
      ...this.publishDeps(),
      changes: this.changeMarks(),
      publishQueue: this.queue('publish'),
      quietSeconds: this.config.publishQuietSeconds,
      maxWaitSeconds: PUBLISH_MAX_WAIT_SECONDS,
      runInFlight: async (dataset) => (await pipeline.runsInFlight(dataset)).length > 0,
      pipeline,
      buildLeases: new DynamoBuildLeases(this.clients.doc, this.config.resources.table('state')),
    };
  }

  /** What a final release waits for: the normalize queue's backlog and the runs of the dataset's sources. */
  pipelineActivity(): PipelineActivity {
    return {
      normalizeQueue: new SqsQueueBacklog(this.clients.sqs, this.config.resources.queue('normalize')),
      runsInFlight: async (dataset) => {
        const runs = this.sourceRuns();
        const sources = (await this.catalog()).sources.filter((s) => s.recordType === dataset.recordType);
        const now = this.clock.now();
        const open = await Promise.all(sources.map((s) => runs.inFlight(s.id, now, RUN_STALE_SECONDS)));
        return sources.filter((_, i) => open[i]).map((s) => s.id);
      },
    };
  }

  /**
   * The open-data API's view: the catalog's datasets, their latest releases, the open bucket, the
   * records reader over a local cache of release files (Lambda's /tmp unless given), and in AWS
   * (`presignDownloads`) downloads as redirects to presigned URLs.
   */
  apiDeps(options: { readonly recordsCacheDir?: string; readonly presignDownloads?: boolean } = {}): ApiDeps {
    const releases = this.releaseCatalog();
    const { publicBaseUrl } = this.config;
    if (publicBaseUrl === undefined) throw new ConfigError('the open-data API needs TONGYUAN_PUBLIC_BASE_URL: the origin its links are built on');
    return {
      datasets: async () => (await this.catalog()).datasets,
      latestRelease: (id) => releases.latest(id),
      releaseHistory: (id, page) => releases.history(id, page),
      open: this.openBucket(),
      records: processRecordsReader(this.openBucket(), options.recordsCacheDir ?? join(tmpdir(), 'tongyuan-records-cache')),
      ...(options.presignDownloads ? { presignDownload: (key, how) => this.openBucket().presignDownload(key, how) } : {}),
      publicBaseUrl,
      // The feed signing keys' private set is a Secrets Manager secret; the API reads it to publish the public halves.
      signingKeys: this.signingKeys(),
      // Heads of each feed's log, for /v1/feeds: a filtered subscriber proves the chain across what it did not receive.
      feedLog: this.feedLog(),
      grants: this.grantStore(),
      search: createSearchService({
        datasets: async () => (await this.catalog()).datasets,
        latestRelease: (id) => releases.latest(id),
        open: this.openBucket(),
      }),
    };
  }
}
