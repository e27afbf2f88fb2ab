import { scrubSecrets } from '../util/scrub-secrets.js';

/**
 * A departmental system failed or answered what its configuration did not promise; the message names the source and where.
 * Credentials of a well-known shape (bearer tokens, URL passwords, token parameters) are masked in every message;
 * who knows the exact secrets a request sent masks those too, before building the message.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(message: string, options?: ErrorOptions) {
    super(scrubSecrets(message), options);
  }
}
