import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/catalog.js';
import { recordTypeNamed } from '../../records/registry.js';
import { parseAsOf } from '../../ssot/as-of.js';
import { fieldProvenance } from '../../ssot/field-provenance.js';
import type { StoredVersion } from '../../ssot/model.js';
import type { CliCommand } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

/** The record's fields in schema order (DynamoDB hands a map back in any order), then any others. */
function inSchemaOrder(version: StoredVersion): Record<string, unknown> {
  const order = Object.keys(recordTypeNamed(version.recordType).schema.properties ?? {});
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return Object.fromEntries(Object.entries(version.record).sort(([a], [b]) => rank(a) - rank(b)));
}

function view(version: StoredVersion) {
  const provenance = fieldProvenance(version);
  return {
    recordType: version.recordType,
    recordId: version.recordId,
    version: version.version,
    storedAt: version.storedAt,
    ...(version.deleted ? { deleted: true } : {}),
    contentHash: version.contentHash,
    record: inSchemaOrder(version),
    provenance: Object.fromEntries(Object.keys(inSchemaOrder(version)).map((field) => [field, provenance[field]])),
  };
}

export const recordsShowCommand: CliCommand = {
  path: ['records', 'show'],
  usage: 'records show <type> <id> [--as-of <date>] [--history]',
  summary: 'one SSOT record with the provenance of every field; --as-of: as it stood then; --history: every version',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { 'as-of': { type: 'string' }, history: { type: 'boolean', default: false } },
    });
    const [type, id] = positionals;
    if (!type || !id) throw new ConfigError('usage: tongyuan records show <type> <id> [--as-of <date>] [--history]');
    recordTypeNamed(type);
    const asOf = values['as-of'] === undefined ? undefined : parseAsOf(values['as-of']);
    const store = connectToRunningStack(io.env).recordStore();
    if (values.history) {
      for (const version of await store.versions(type, id)) io.out(JSON.stringify(view(version)));
      return 0;
    }
    const found = await store.read(type, id, asOf ? { asOf } : {});
    if (!found) {
      io.say(asOf ? `${type} ${id} did not exist as of ${asOf.toISOString()}` : `${type} ${id} is not in the SSOT`);
      return 1;
    }
    io.out(JSON.stringify(view(found), null, 2));
    return 0;
  },
};
