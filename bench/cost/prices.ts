/**
 * AWS list prices, us-east-1 (N. Virginia), on-demand, past every free tier and at the
 * first volume tier. The one place the cost benchmark takes prices from: update the
 * date and the figures together, each with where it was read.
 */
export const PRICES_AS_OF = '2026-12-02';

export interface Price {
  /** US dollars per `per` units. */
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
}

const DYNAMODB = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const SQS = 'https://aws.amazon.com/sqs/pricing/';
const SNS = 'https://aws.amazon.com/sns/pricing/';
const S3 = 'https://aws.amazon.com/s3/pricing/';
const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';

export const PRICES = {
  // Halved on 2024-11-01 (from $1.25 and $0.25 per million).
  dynamodbWriteUnit: { usd: 0.625, per: 1e6, unit: 'write request units', source: DYNAMODB },
  dynamodbReadUnit: { usd: 0.125, per: 1e6, unit: 'read request units', source: DYNAMODB },
  // Every API action, each 64 KB chunk of a request's payload billed as one request.
  sqsStandardRequest: { usd: 0.4, per: 1e6, unit: 'requests (64 KB chunks), standard queue', source: SQS },
  sqsFifoRequest: { usd: 0.5, per: 1e6, unit: 'requests (64 KB chunks), FIFO queue', source: SQS },
  // A publish (or a batch of up to 10) per 64 KB chunk; deliveries to SQS from a standard topic are free.
  snsStandardPublish: { usd: 0.5, per: 1e6, unit: 'publish requests (64 KB chunks), standard topic', source: SNS },
  snsFifoPublish: { usd: 0.3, per: 1e6, unit: 'publish requests (64 KB chunks), FIFO topic', source: SNS },
  // The FIFO payload and delivery figures were not in the stored copies searched on PRICES_AS_OF: as the SNS page gave them last; verify.
  snsFifoPublishPayload: { usd: 0.017, per: 2 ** 30, unit: 'bytes published, FIFO topic', source: SNS },
  snsFifoSqsDelivery: { usd: 0.01, per: 1e6, unit: 'deliveries to SQS, FIFO topic', source: SNS },
  snsFifoSqsDeliveryPayload: { usd: 0.001, per: 2 ** 30, unit: 'bytes delivered to SQS, FIFO topic', source: SNS },
  // S3 Standard. DELETE is free; HEAD and every other request is priced as GET.
  s3PutClass: { usd: 0.005, per: 1000, unit: 'PUT, COPY, POST, LIST requests', source: S3 },
  s3GetClass: { usd: 0.0004, per: 1000, unit: 'GET, SELECT and all other requests', source: S3 },
  lambdaRequest: { usd: 0.2, per: 1e6, unit: 'invocations', source: LAMBDA },
  lambdaGbSecond: { usd: 0.0000166667, per: 1, unit: 'GB-seconds, x86', source: LAMBDA },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof PRICES;

/** Dollars for `quantity` units at a price. */
export const dollars = (name: PriceName, quantity: number): number => (quantity * PRICES[name].usd) / PRICES[name].per;
