import type { SourceConfig } from '../../config/catalog.js';
import type { SourceConnector } from './connector.js';
import { fileDropConnector, type FileDropDeps } from './file-drop.js';
import { httpJsonConnector } from './http-json.js';
import { sqlConnector } from './sql.js';

type Kind = SourceConfig['kind'];

/** What the connectors need from the composition root. */
export interface ConnectorDeps {
  readonly fileDrop: FileDropDeps;
}

/** The connector for a source's `kind`, one per kind, each typed for its own kind of source. */
export function sourceConnectors(deps: ConnectorDeps): (source: SourceConfig) => SourceConnector {
  const connectors: { readonly [K in Kind]?: SourceConnector<K> } = {
    'http-json': httpJsonConnector(),
    sql: sqlConnector(),
    'file-drop': fileDropConnector(deps.fileDrop),
  };
  return (source) => {
    const connector = connectors[source.kind];
    if (!connector) throw new Error(`source ${source.id}: no connector for kind "${source.kind}"`);
    // Sound: the connector was looked up by this very source's kind.
    return connector as unknown as SourceConnector;
  };
}
