/** What ingest sends to the normalize queue: a pointer to one raw batch (claim check). */
export interface NormalizeRequest {
  readonly kind: 'raw-batch';
  readonly sourceId: string;
  /** Key of the gzip'd batch in the raw bucket, byte for byte as the source sent it. */
  readonly rawKey: string;
  readonly itemCount: number;
  readonly pulledAt: string;
}

export function parseNormalizeRequest(body: string): NormalizeRequest {
  const value: unknown = JSON.parse(body);
  if (
    typeof value !== 'object' || value === null ||
    (value as { kind?: unknown }).kind !== 'raw-batch' ||
    typeof (value as { sourceId?: unknown }).sourceId !== 'string' ||
    typeof (value as { rawKey?: unknown }).rawKey !== 'string'
  ) {
    throw new Error(`not a normalize request: ${body.slice(0, 200)}`);
  }
  return value as NormalizeRequest;
}
