/**
 * Presigned S3 GET URLs (query-string SigV4), built the way @aws-sdk/s3-request-presigner does
 * it, which the project does not depend on: the command runs through the client's own
 * middleware (endpoint, path style, emulator endpoints) up to signing, where the request is
 * taken, presigned with @smithy/signature-v4 (the SDK's signer) and never sent.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { FinalizeRequestMiddleware, HttpRequest, SourceData } from '@smithy/types';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

export interface PresignOptions {
  /** The name the browser saves the file under (Content-Disposition of the response). */
  readonly fileName: string;
  readonly mediaType: string;
  readonly expiresInSeconds: number;
}

const bytesOf = (data: SourceData): Buffer =>
  typeof data === 'string' ? Buffer.from(data) : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(this.secret));
  }
  update(data: Uint8Array | string): void {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, so a Chinese file name survives. */
export const attachment = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export async function presignGetObject(s3: S3Client, bucket: string, key: string, options: PresignOptions): Promise<string> {
  const command = new GetObjectCommand({
    Bucket: bucket,
    Key: key,
    ResponseContentDisposition: attachment(options.fileName),
    ResponseContentType: options.mediaType,
  });
  const signer = new SignatureV4({
    credentials: s3.config.credentials,
    region: await s3.config.region(),
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const intercept: FinalizeRequestMiddleware<object, object> = () => async (args) => {
    const request = args.request as HttpRequest;
    // The SDK's own bookkeeping headers are not the downloader's to send.
    for (const header of ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent']) delete request.headers[header];
    request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    request.headers.host = `${request.hostname}${request.port ? `:${request.port}` : ''}`;
    const signed = await signer.presign(request, { expiresIn: options.expiresInSeconds, unsignableHeaders: new Set(['content-type']) });
    const query = Object.entries(signed.query ?? {})
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`))
      .join('&');
    const url = `${signed.protocol}//${signed.hostname}${signed.port ? `:${signed.port}` : ''}${signed.path}?${query}`;
    return { response: {}, output: { $metadata: {}, presignedUrl: url } };
  };
  const stack = s3.middlewareStack.clone();
  stack.addRelativeTo(intercept as never, { name: 'presignIntercept', relation: 'before', toMiddleware: 'httpSigningMiddleware', override: true });
  const handler = command.resolveMiddleware(stack, s3.config, {});
  const { output } = await handler({ input: command.input });
  return (output as unknown as { presignedUrl: string }).presignedUrl;
}
