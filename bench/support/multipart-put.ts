import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';

const PART_BYTES = 8 * 2 ** 20;

/** Uploads a large file as a department's tools would, in parts (S3 and the emulator cap single requests). */
export async function multipartPut(s3: S3Client, bucket: string, key: string, body: Uint8Array): Promise<void> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const parts: { ETag: string | undefined; PartNumber: number }[] = [];
  for (let offset = 0, n = 1; offset < body.length; offset += PART_BYTES, n++) {
    const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: n, Body: body.subarray(offset, offset + PART_BYTES) }));
    parts.push({ ETag: out.ETag, PartNumber: n });
  }
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
}
