import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../src/aws/request-ledger.js';
import { priceScenario, summarize, type ScenarioMeasure, type StageMap } from '../../../bench/cost/pricing.js';
import { dollars, PRICES } from '../../../bench/cost/prices.js';
import { formatTable } from '../../../bench/cost/table.js';
import { summaryTable } from '../../../bench/cost/report.js';

const entry = (partial: Partial<LedgerEntry> & Pick<LedgerEntry, 'service' | 'operation'>): LedgerEntry => ({
  invoker: 'tongyuan-normalize',
  resource: '',
  fifo: false,
  requests: 1,
  billedRequests: 1,
  messages: 0,
  payloadBytes: 0,
  readUnits: 0,
  writeUnits: 0,
  ...partial,
});

const stages: StageMap = {
  byFunction: new Map([
    ['tongyuan-normalize', 'SSOT'],
    ['tongyuan-route', 'feeds'],
  ]),
  byQueue: new Map([['tongyuan-normalize', 'SSOT']]),
};

const measure = (ledger: LedgerEntry[], extra: Partial<ScenarioMeasure> = {}): ScenarioMeasure => ({
  name: 'NEW',
  records: 1000,
  ledger,
  invocations: [],
  deliveries: [],
  ...extra,
});

describe('cost model pricing', () => {
  it('prices DynamoDB by units, S3 by request class, SQS by billed chunks and queue type', () => {
    const lines = priceScenario(
      measure([
        entry({ service: 'dynamodb', operation: 'PutItem', resource: 'records', requests: 1000, writeUnits: 2000, readUnits: 10 }),
        entry({ service: 's3', operation: 'PutObject', resource: 'raw', requests: 10 }),
        entry({ service: 's3', operation: 'HeadObject', resource: 'raw', requests: 10 }),
        entry({ service: 's3', operation: 'DeleteObject', resource: 'raw', requests: 10 }),
        entry({ service: 'sqs', operation: 'SendMessageBatch', resource: 'q.fifo', fifo: true, requests: 10, billedRequests: 30 }),
      ]),
      stages,
    );
    const usd = (item: string) => lines.find((l) => l.item === item)?.usd;
    expect(usd('write units records')).toBeCloseTo((2000 * 0.625) / 1e6, 12);
    expect(usd('read units records')).toBeCloseTo((10 * 0.125) / 1e6, 12);
    expect(usd('PUT class raw')).toBeCloseTo((10 * 0.005) / 1000, 12);
    expect(usd('GET class raw')).toBeCloseTo((10 * 0.0004) / 1000, 12);
    // DELETE is free: two S3 lines for three kinds of request.
    expect(lines.filter((l) => l.service === 'S3')).toHaveLength(2);
    expect(usd('FIFO requests q.fifo')).toBeCloseTo((30 * 0.5) / 1e6, 12);
    expect(lines.every((l) => l.stage === 'SSOT')).toBe(true);
  });

  it("does not price the local runtime's drain checks, lease heartbeats and empty polls, and files its receives under the queue's consumer", () => {
    const lines = priceScenario(
      measure([
        entry({ invoker: '', service: 'sqs', operation: 'GetQueueAttributes', resource: 'tongyuan-normalize', requests: 50 }),
        entry({ invoker: '', service: 'sqs', operation: 'ReceiveMessage (empty)', resource: 'tongyuan-normalize', requests: 50 }),
        entry({ invoker: '', service: 'sqs', operation: 'ReceiveMessage', resource: 'tongyuan-normalize', requests: 7, billedRequests: 7, messages: 70 }),
      ]),
      stages,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ stage: 'SSOT', service: 'SQS', quantity: 7 });
  });

  it('prices FIFO topic publishes with their payload, and deliveries at the published average size', () => {
    const lines = priceScenario(
      measure(
        [
          entry({
            invoker: 'tongyuan-route',
            service: 'sns',
            operation: 'PublishBatch',
            resource: 't.fifo',
            fifo: true,
            requests: 2,
            billedRequests: 3,
            messages: 20,
            payloadBytes: 20_000,
          }),
        ],
        {
          deliveries: [
            { queue: 'a', fromFifoTopic: true, messages: 20 },
            { queue: 'b', fromFifoTopic: false, messages: 20 },
          ],
        },
      ),
      stages,
    );
    expect(lines.find((l) => l.item === 'FIFO publishes t.fifo')?.usd).toBeCloseTo(dollars('snsFifoPublish', 3), 15);
    expect(lines.find((l) => l.item === 'FIFO payload bytes t.fifo')?.quantity).toBe(20_000);
    expect(lines.find((l) => l.item === 'FIFO deliveries to a')?.usd).toBeCloseTo((20 * 0.01) / 1e6, 15);
    expect(lines.find((l) => l.item === 'FIFO delivered bytes to a')?.quantity).toBe(20 * 1000);
    expect(lines.some((l) => l.item.endsWith(' b'))).toBe(false);
  });

  it('sums dollars per million records by stage and service, keeping Lambda compute apart', () => {
    const m = measure([entry({ service: 'dynamodb', operation: 'PutItem', resource: 'records', writeUnits: 4000 })], {
      invocations: [{ functionName: 'tongyuan-normalize', count: 10, gbSeconds: 100 }],
    });
    const s = summarize(m, priceScenario(m, stages));
    const dynamo = (4000 * 0.625) / 1e6;
    const requests = (10 * 0.2) / 1e6;
    expect(s.usdPerMillion).toBeCloseTo((dynamo + requests) * 1000, 9);
    expect(s.computeUsdPerMillion).toBeCloseTo(100 * PRICES.lambdaGbSecond.usd * 1000, 9);
    expect(s.byStage.get('SSOT')).toBeCloseTo((dynamo + requests) * 1000, 9);
    expect(s.writeUnitsPerRecord).toBe(4);
    expect(summaryTable([s]).join('\n')).toContain('write units per new record: met (≤ 4)');
  });
});

describe('plain-text tables', () => {
  it('pads the first column left-aligned and the others right-aligned, counting CJK characters once', () => {
    expect(
      formatTable(
        ['', 'n'],
        [
          ['绍兴', '1'],
          ['long label', '12.5'],
        ],
      ),
    ).toEqual(['               n', '----------  ----', '绍兴             1', 'long label  12.5']);
  });
});
