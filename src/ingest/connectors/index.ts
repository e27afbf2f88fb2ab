import type { SourceConfig } from '../../config/catalog.js';
import type { SourceConnector } from './connector.js';
import { fileDropDepsFromEnv } from '../files/default-deps.js';
import { fileDropConnector } from './file-drop.js';
import { httpJsonConnector } from './http-json.js';
import { sqlConnector } from './sql.js';

type Kind = SourceConfig['kind'];

/** One connector per kind, each typed for its own kind of source. */
const connectors: { readonly [K in Kind]?: SourceConnector<K> } = {
  'http-json': httpJsonConnector(),
  sql: sqlConnector(),
  // Adapters are built when a pull starts: normalize only reads pages back and needs none.
  'file-drop': fileDropConnector(fileDropDepsFromEnv),
};

/** The connector for a source's `kind`. */
export function connectorFor(source: SourceConfig): SourceConnector {
  const connector = connectors[source.kind];
  if (!connector) throw new Error(`source ${source.id}: no connector for kind "${source.kind}"`);
  // Sound: the connector was looked up by this very source's kind.
  return connector as unknown as SourceConnector;
}
