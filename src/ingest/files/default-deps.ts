import { DynamoProcessedFiles } from '../../aws/dynamo-processed-files.js';
import { S3FileInbox } from '../../aws/s3-file-inbox.js';
import { SqsSender } from '../../aws/sqs-sender.js';
import { bucketName, queueUrl, tableName } from '../../config/resource-names.js';
import type { FileDropDeps } from '../connectors/file-drop.js';
import { QueueFileRejections } from './queue-rejections.js';

/** The file drop's adapters from the function's environment: the raw bucket's inbox, the state table, the normalize queue. */
export function fileDropDepsFromEnv(): FileDropDeps {
  return {
    inbox: new S3FileInbox(bucketName('raw')),
    processed: new DynamoProcessedFiles(tableName('state')),
    rejections: new QueueFileRejections(new SqsSender(queueUrl('normalize'))),
    now: () => new Date(),
  };
}
