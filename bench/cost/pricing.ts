/**
 * Prices what a scenario measured: every ledger line, Lambda invocation and SNS delivery
 * becomes cost lines in US dollars, each in the pipeline stage that spent it. Pure.
 */
import type { LedgerEntry } from '../../src/aws/request-ledger.js';
import { dollars, type PriceName } from './prices.js';

export const STAGES = ['ingest', 'SSOT', 'publish', 'feeds', 'other'] as const;
export type Stage = (typeof STAGES)[number];

/** Where a request's cost belongs: by the function that made it, or, for the runtime's own polling, by the queue's consumer. */
export interface StageMap {
  readonly byFunction: ReadonlyMap<string, Stage>;
  readonly byQueue: ReadonlyMap<string, Stage>;
}

export interface InvocationTally {
  readonly functionName: string;
  readonly count: number;
  readonly gbSeconds: number;
}

/** Messages an SNS topic delivered into one subscriber queue. */
export interface DeliveryTally {
  readonly queue: string;
  readonly fromFifoTopic: boolean;
  readonly messages: number;
}

export interface ScenarioMeasure {
  readonly name: string;
  /** Source records pulled: the unit every figure is divided by. */
  readonly records: number;
  readonly ledger: readonly LedgerEntry[];
  readonly invocations: readonly InvocationTally[];
  readonly deliveries: readonly DeliveryTally[];
}

export type Service = 'DynamoDB' | 'S3' | 'SQS' | 'SNS' | 'Lambda' | 'Lambda compute';

export interface CostLine {
  readonly stage: Stage;
  readonly service: Service;
  /** What is counted, e.g. "write units tongyuan-records" or "PUT class tongyuan-raw". */
  readonly item: string;
  readonly quantity: number;
  readonly usd: number;
}

/**
 * The embedded runtime's own SQS requests that do not scale with records: its drain checks, the
 * heartbeat of its short leases, and empty polls (Lambda's pollers also poll, by the hour, not by
 * the record). Shown, not priced.
 */
const LOCAL_RUNTIME_ONLY = new Set(['GetQueueAttributes', 'ChangeMessageVisibilityBatch', 'ChangeMessageVisibility', 'ReceiveMessage (empty)']);
export const isLocalOnly = (e: LedgerEntry): boolean => e.invoker === '' && e.service === 'sqs' && LOCAL_RUNTIME_ONLY.has(e.operation);

const S3_FREE = new Set(['DeleteObject', 'DeleteObjects', 'AbortMultipartUpload']);
const S3_PUT_CLASS = new Set([
  'PutObject',
  'CopyObject',
  'PostObject',
  'ListObjects',
  'ListObjectsV2',
  'ListObjectVersions',
  'ListBuckets',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'ListParts',
  'ListMultipartUploads',
]);

export function stageOf(e: LedgerEntry, stages: StageMap): Stage {
  if (e.invoker !== '') return stages.byFunction.get(e.invoker) ?? 'other';
  return (e.service === 'sqs' && stages.byQueue.get(e.resource)) || 'other';
}

function ledgerLines(e: LedgerEntry, stage: Stage): CostLine[] {
  const line = (service: Service, item: string, quantity: number, price: PriceName): CostLine => ({
    stage,
    service,
    item,
    quantity,
    usd: dollars(price, quantity),
  });
  switch (e.service) {
    case 'dynamodb':
      return [
        ...(e.writeUnits > 0 ? [line('DynamoDB', `write units ${e.resource}`, e.writeUnits, 'dynamodbWriteUnit')] : []),
        ...(e.readUnits > 0 ? [line('DynamoDB', `read units ${e.resource}`, e.readUnits, 'dynamodbReadUnit')] : []),
      ];
    case 's3':
      if (S3_FREE.has(e.operation)) return [];
      return S3_PUT_CLASS.has(e.operation)
        ? [line('S3', `PUT class ${e.resource}`, e.requests, 's3PutClass')]
        : [line('S3', `GET class ${e.resource}`, e.requests, 's3GetClass')];
    case 'sqs':
      if (isLocalOnly(e)) return [];
      return [line('SQS', `${e.fifo ? 'FIFO' : 'standard'} requests ${e.resource}`, e.billedRequests, e.fifo ? 'sqsFifoRequest' : 'sqsStandardRequest')];
    case 'sns':
      if (e.operation !== 'Publish' && e.operation !== 'PublishBatch') return [];
      if (!e.fifo) return [line('SNS', `standard publishes ${e.resource}`, e.billedRequests, 'snsStandardPublish')];
      return [
        line('SNS', `FIFO publishes ${e.resource}`, e.billedRequests, 'snsFifoPublish'),
        line('SNS', `FIFO payload bytes ${e.resource}`, e.payloadBytes, 'snsFifoPublishPayload'),
      ];
    default:
      return [];
  }
}

/** Every cost of one scenario, unsummed. */
export function priceScenario(m: ScenarioMeasure, stages: StageMap): CostLine[] {
  const lines = m.ledger.flatMap((e) => ledgerLines(e, stageOf(e, stages)));
  for (const inv of m.invocations) {
    const stage = stages.byFunction.get(inv.functionName) ?? 'other';
    lines.push({ stage, service: 'Lambda', item: `invocations ${inv.functionName}`, quantity: inv.count, usd: dollars('lambdaRequest', inv.count) });
    lines.push({
      stage,
      service: 'Lambda compute',
      item: `GB-seconds ${inv.functionName}`,
      quantity: inv.gbSeconds,
      usd: dollars('lambdaGbSecond', inv.gbSeconds),
    });
  }
  // A FIFO topic's deliveries are priced per message and per byte; their bytes are the published messages' average.
  const fifoPublished = m.ledger.filter((e) => e.service === 'sns' && e.fifo && (e.operation === 'Publish' || e.operation === 'PublishBatch'));
  const published = fifoPublished.reduce((n, e) => n + e.messages, 0);
  const averageBytes = published === 0 ? 0 : fifoPublished.reduce((n, e) => n + e.payloadBytes, 0) / published;
  for (const d of m.deliveries) {
    if (!d.fromFifoTopic || d.messages === 0) continue;
    lines.push({ stage: 'feeds', service: 'SNS', item: `FIFO deliveries to ${d.queue}`, quantity: d.messages, usd: dollars('snsFifoSqsDelivery', d.messages) });
    const bytes = d.messages * averageBytes;
    lines.push({
      stage: 'feeds',
      service: 'SNS',
      item: `FIFO delivered bytes to ${d.queue}`,
      quantity: bytes,
      usd: dollars('snsFifoSqsDeliveryPayload', bytes),
    });
  }
  return lines;
}

/** Dollars per million records. */
export const perMillion = (usd: number, records: number): number => (records === 0 ? 0 : (usd / records) * 1e6);
/** A count per 1,000 records. */
export const perThousand = (n: number, records: number): number => (records === 0 ? 0 : (n / records) * 1000);

export function sumBy<K extends string>(lines: readonly CostLine[], key: (l: CostLine) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const l of lines) sums.set(key(l), (sums.get(key(l)) ?? 0) + l.usd);
  return sums;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly records: number;
  /** $ per million records, Lambda compute excluded (it is measured at local durations). */
  readonly usdPerMillion: number;
  /** $ per million records of Lambda compute at the local handlers' durations: an upper bound. */
  readonly computeUsdPerMillion: number;
  readonly byStage: ReadonlyMap<Stage, number>;
  readonly byService: ReadonlyMap<Service, number>;
  readonly writeUnitsPerRecord: number;
  readonly readUnitsPerRecord: number;
}

export function summarize(m: ScenarioMeasure, lines: readonly CostLine[]): ScenarioSummary {
  const billed = lines.filter((l) => l.service !== 'Lambda compute');
  const total = billed.reduce((n, l) => n + l.usd, 0);
  const compute = lines.filter((l) => l.service === 'Lambda compute').reduce((n, l) => n + l.usd, 0);
  const toPerMillion = <K>(sums: Map<K, number>) => new Map([...sums].map(([k, usd]) => [k, perMillion(usd, m.records)]));
  const units = (pick: (e: LedgerEntry) => number) => m.ledger.reduce((n, e) => n + pick(e), 0) / Math.max(1, m.records);
  return {
    name: m.name,
    records: m.records,
    usdPerMillion: perMillion(total, m.records),
    computeUsdPerMillion: perMillion(compute, m.records),
    byStage: toPerMillion(sumBy(billed, (l) => l.stage)),
    byService: toPerMillion(sumBy(lines, (l) => l.service)),
    writeUnitsPerRecord: units((e) => e.writeUnits),
    readUnitsPerRecord: units((e) => e.readUnits),
  };
}
