/**
 * The small interfaces the core talks to the world through, one file per port. AWS
 * adapters in src/aws/ implement them; tests may implement them in memory.
 */
export * from './change-marks.js';
export * from './checkpoints.js';
export * from './clock.js';
export * from './file-inbox.js';
export * from './key-ledger.js';
export * from './messages.js';
export * from './object-listing.js';
export * from './object-store.js';
export * from './quarantine-store.js';
export * from './record-store.js';
export * from './release-catalog.js';
export * from './disclosure-ledger.js';
export * from './delivery-ledger.js';
export * from './feed-log.js';
export * from './signing-keys.js';
export * from './source-runs.js';
export * from './record-counts.js';
export * from './build-leases.js';
