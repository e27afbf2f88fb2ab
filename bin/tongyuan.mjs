#!/usr/bin/env node
// The `tongyuan` command. TypeScript runs through tsx, so there is no build step;
// npm puts the pinned Node 22 (the `node` devDependency) first on PATH for npm start/npx.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`tongyuan needs Node 22 or newer (this is ${process.versions.node}); run it through npm (npm start, npx tongyuan) so the pinned Node is used.`);
  process.exit(1);
}
// The emulators use node:sqlite, still flagged experimental on Node 22; that notice is noise here.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'ExperimentalWarning') console.warn(`${warning.name}: ${warning.message}`);
});
// Handlers log through Powertools; the embedded stack is quiet unless asked (set before any logger exists).
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.TONGYUAN_LOG_LEVEL ?? 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
