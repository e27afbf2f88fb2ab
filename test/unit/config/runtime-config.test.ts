import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_DIRS, loadRuntimeConfig } from '../../../src/config/runtime-config.js';
import { resourceEnvName } from '../../../src/infra/resources.js';

const queueUrl = 'http://127.0.0.1:4566/000000000000/tongyuan-publish';

describe('loadRuntimeConfig', () => {
  it('reads resource names, timing, observability, folders and AWS settings from the map it is given', () => {
    const env = {
      [resourceEnvName('table', 'records')]: 'tongyuan-records',
      [resourceEnvName('bucket', 'raw')]: 'tongyuan-raw',
      [resourceEnvName('queue', 'publish')]: queueUrl,
      [resourceEnvName('topic', 'enforcement')]: 'arn:aws:sns:us-east-1:000000000000:tongyuan-enforcement',
      TONGYUAN_PUBLISH_QUIET_SECONDS: '1.5',
      POWERTOOLS_LOG_LEVEL: 'warn',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      TONGYUAN_SOURCES_DIR: '/srv/sources',
      AWS_REGION: 'cn-north-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
      TONGYUAN_DEMO_ENFORCEMENT_URL: 'http://127.0.0.1:9999',
    };
    const config = loadRuntimeConfig(env);
    expect(config.resources.table('records')).toBe('tongyuan-records');
    expect(config.resources.bucket('raw')).toBe('tongyuan-raw');
    expect(config.resources.queue('publish')).toBe(queueUrl);
    expect(config.resources.topic('enforcement')).toMatch(/^arn:aws:sns:/);
    expect(config).toMatchObject({ publishQuietSeconds: 1.5, logLevel: 'WARN', metricsEnabled: false, tracingEnabled: false });
    expect(config.catalogDirs).toEqual({ sources: '/srv/sources', datasets: DEFAULT_CATALOG_DIRS.datasets, subscribers: DEFAULT_CATALOG_DIRS.subscribers });
    expect(config.aws).toEqual({
      region: 'cn-north-1',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      // A per-service endpoint wins over the shared one.
      endpoints: {
        dynamodb: 'http://127.0.0.1:8000',
        dynamodbStreams: 'http://127.0.0.1:4566',
        s3: 'http://127.0.0.1:4566',
        sqs: 'http://127.0.0.1:4566',
        sns: 'http://127.0.0.1:4566',
      },
    });
    // `${env:…}` references resolve against this map, never the process's.
    expect(config.env.TONGYUAN_DEMO_ENFORCEMENT_URL).toBe('http://127.0.0.1:9999');
  });

  it('has defaults for everything but the resources', () => {
    const config = loadRuntimeConfig({});
    expect(config).toMatchObject({ publishQuietSeconds: 5, logLevel: 'INFO', metricsEnabled: true, tracingEnabled: true, catalogDirs: DEFAULT_CATALOG_DIRS });
    expect(config.aws).toEqual({ region: undefined, credentials: undefined, endpoints: {} });
  });

  it('fails on a resource that is asked for but not set, naming its variable', () => {
    const config = loadRuntimeConfig({});
    expect(() => config.resources.table('state')).toThrow('table "state" is not configured: environment variable TONGYUAN_STATE_TABLE is not set');
    expect(() => config.resources.queue('normalize')).toThrow('TONGYUAN_NORMALIZE_QUEUE_URL');
  });

  it.each([
    [{ TONGYUAN_PUBLISH_QUIET_SECONDS: 'soon' }, 'TONGYUAN_PUBLISH_QUIET_SECONDS must be a number of seconds; got "soon"'],
    [{ TONGYUAN_PUBLISH_QUIET_SECONDS: '-1' }, 'TONGYUAN_PUBLISH_QUIET_SECONDS must be a number of seconds; got "-1"'],
    [{ POWERTOOLS_LOG_LEVEL: 'loud' }, 'POWERTOOLS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, SILENT, CRITICAL; got "loud"'],
    [{ TONGYUAN_LOG_LEVEL: 'chatty' }, 'TONGYUAN_LOG_LEVEL must be one of'],
    [{ POWERTOOLS_METRICS_DISABLED: 'maybe' }, 'POWERTOOLS_METRICS_DISABLED must be true or false; got "maybe"'],
    [{ [resourceEnvName('queue', 'publish')]: 'tongyuan-publish' }, 'TONGYUAN_PUBLISH_QUEUE_URL must be an SQS queue URL; got "tongyuan-publish"'],
    [{ [resourceEnvName('topic', 'enforcement')]: 'enforcement' }, 'TONGYUAN_ENFORCEMENT_TOPIC_ARN must be an SNS topic ARN'],
    [{ [resourceEnvName('bucket', 'raw')]: 'Raw_Bucket' }, 'TONGYUAN_RAW_BUCKET must be an S3 bucket name'],
    [{ [resourceEnvName('table', 'records')]: '  ' }, 'TONGYUAN_RECORDS_TABLE is set but empty'],
    [{ AWS_ENDPOINT_URL_S3: 'localhost:4566' }, 'AWS_ENDPOINT_URL_S3 must be a URL; got "localhost:4566"'],
    [{ AWS_ACCESS_KEY_ID: 'id' }, 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together'],
  ])('rejects %o with an error naming the variable', (env, message) => {
    expect(() => loadRuntimeConfig(env)).toThrow(message);
  });
});
