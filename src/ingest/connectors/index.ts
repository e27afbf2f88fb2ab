import type { SourceConfig } from '../../config/catalog.js';
import type { SourceConnector } from './connector.js';
import { httpJsonConnector } from './http-json.js';

const connectors: readonly SourceConnector[] = [httpJsonConnector()];

/** The connector for a source's `kind`. */
export function connectorFor(source: SourceConfig): SourceConnector {
  const connector = connectors.find((c) => c.kind === source.kind);
  if (!connector) throw new Error(`source ${source.id}: no connector for kind "${source.kind}"`);
  return connector;
}
