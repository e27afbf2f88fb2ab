import type { SourceConfig } from '../../config/catalog.js';
import type { SecretProviders } from '../../config/secret-refs.js';
import type { Clock } from '../../ports/index.js';
import type { SourceConnector } from './connector.js';
import { fileDropConnector, type FileDropDeps } from './file-drop.js';
import { httpJsonConnector } from './http-json.js';
import { sqlConnector } from './sql.js';

type Kind = SourceConfig['kind'];

export interface ConnectorDeps {
  /** The variables `${env:…}` references resolve against. */
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: SecretProviders;
  readonly clock: Clock;
  /** Built when a pull starts: normalize only reads pages back and needs none of them. */
  readonly fileDrop: () => FileDropDeps;
}

/** The connector for a source's `kind`, one per kind, each typed for its own kind of source. */
export function createConnectors(deps: ConnectorDeps): (source: SourceConfig) => SourceConnector {
  const connectors: { readonly [K in Kind]?: SourceConnector<K> } = {
    'http-json': httpJsonConnector({ env: deps.env, secrets: deps.secrets, clock: deps.clock }),
    sql: sqlConnector({ secrets: deps.secrets }),
    'file-drop': fileDropConnector(deps.fileDrop),
  };
  return (source) => {
    const connector = connectors[source.kind];
    if (!connector) throw new Error(`source ${source.id}: no connector for kind "${source.kind}"`);
    // Sound: the connector was looked up by this very source's kind.
    return connector as unknown as SourceConnector;
  };
}
