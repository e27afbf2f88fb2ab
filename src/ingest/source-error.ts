/** A departmental system failed or answered what its configuration did not promise; the message names the source and where. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}
