import { gunzipSync } from 'node:zlib';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { pullSnapshotId, type SourceConnector, type SourcePage } from '../../../src/ingest/connectors/connector.js';
import type { KeyEntry } from '../../../src/ingest/key-ledger.js';
import type { SyncDeps } from '../../../src/ingest/sync-source.js';
import type { Checkpoint, CheckpointStore, SourceKeyLedger } from '../../../src/ports/index.js';

/** In-memory stand-ins for the raw zone, the normalize queue, checkpoints and the key ledger. */
export function memoryDeps(connector: SourceConnector, now = () => new Date('2026-01-01T12:00:00Z')) {
  const objects = new Map<string, Uint8Array>();
  const messages: Record<string, unknown>[] = [];
  const checkpoints = new Map<string, Checkpoint>();
  const ledger = new Map<string, Map<string, Map<string, KeyEntry[]>>>();
  const checkpointStore: CheckpointStore & { failNextCommit: boolean } = {
    failNextCommit: false,
    async get(sourceId) {
      return checkpoints.get(sourceId);
    },
    async commit(sourceId, _stream, next) {
      if (this.failNextCommit) {
        this.failNextCommit = false;
        throw new Error('crash between the raw write and the checkpoint commit');
      }
      checkpoints.set(sourceId, next);
    },
  };
  const keys: SourceKeyLedger = {
    async record(sourceId, snapshot, chunk, list) {
      const bySnapshot = ledger.get(sourceId) ?? new Map<string, Map<string, KeyEntry[]>>();
      const chunks = bySnapshot.get(snapshot) ?? new Map<string, KeyEntry[]>();
      chunks.set(chunk, [...list]);
      bySnapshot.set(snapshot, chunks);
      ledger.set(sourceId, bySnapshot);
    },
    async load(sourceId) {
      const out = new Map<string, Map<string, string>>();
      for (const [snapshot, chunks] of ledger.get(sourceId) ?? [])
        out.set(snapshot, new Map([...chunks.values()].flat().map((e) => [e.key, e.fingerprint ?? ''])));
      return out;
    },
    async forgetAllBut(sourceId, keep) {
      for (const snapshot of [...(ledger.get(sourceId)?.keys() ?? [])]) if (snapshot !== keep) ledger.get(sourceId)!.delete(snapshot);
    },
  };
  const deps: SyncDeps = {
    raw: {
      async put(key, body) {
        objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
      },
      async get(key) {
        return objects.get(key);
      },
      async exists(key) {
        return objects.has(key);
      },
    },
    normalizeQueue: {
      async send(bodies) {
        for (const body of bodies) messages.push(JSON.parse(body) as Record<string, unknown>);
      },
    },
    checkpoints: checkpointStore,
    clock: { now },
    connector: () => connector,
    keys,
  };
  /** Items of every raw batch the normalize queue was told about, once per distinct batch. */
  const normalizedItems = (itemsOf: (raw: Uint8Array) => readonly unknown[]) =>
    [...new Set(messages.filter((m) => m.kind === 'raw-batch').map((m) => m.rawKey as string))].flatMap((key) => itemsOf(gunzipSync(objects.get(key)!)));
  return { deps, objects, messages, checkpoints, checkpointStore, normalizedItems };
}

/** A connector over an in-memory table of rows, ordered by id, with the id of the last row read as cursor. */
export function tableConnector(rows: () => readonly { id: number; [k: string]: unknown }[], pageSize: number, snapshotPulls = true): SourceConnector {
  return {
    kind: 'http-json',
    async *pages(_source: SourceConfig, cursor: string | null, context) {
      const fromScratch = context.full || cursor === null;
      const after = fromScratch ? -1 : Number(cursor);
      const remaining = rows().filter((r) => r.id > after);
      const snapshot = fromScratch && snapshotPulls ? pullSnapshotId(context) : undefined;
      if (remaining.length === 0) {
        yield {
          body: new Uint8Array(),
          items: [],
          nextCursor: null,
          last: true,
          origin: 'table',
          snapshot,
          completesSnapshot: snapshot !== undefined,
        } satisfies SourcePage;
        return;
      }
      for (let i = 0; i < remaining.length; i += pageSize) {
        const items = remaining.slice(i, i + pageSize);
        const last = i + pageSize >= remaining.length;
        yield {
          body: new TextEncoder().encode(JSON.stringify(items)),
          items,
          nextCursor: String(items.at(-1)!.id),
          last,
          origin: 'table',
          expectedTotal: remaining.length,
          snapshot,
          completesSnapshot: last && snapshot !== undefined,
        };
      }
    },
    itemsOf: (_source, raw) => JSON.parse(new TextDecoder().decode(raw)) as unknown[],
  };
}
