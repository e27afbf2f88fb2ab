import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { LoadedDefinitions } from './catalog-errors.js';

/** The valid subscribers of a folder (subscribers/*.yaml), and the files refused with why. */
export async function loadSubscribers(_dir: string): Promise<LoadedDefinitions<SubscriberConfig>> {
  return { valid: [], problems: [] };
}
