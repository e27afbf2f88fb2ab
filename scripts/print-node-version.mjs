// npm puts the pinned `node` devDependency first on PATH; say which one runs the tests.
const major = Number(process.versions.node.split('.')[0]);
console.log(`tongyuan tests on Node ${process.versions.node} (${process.execPath})`);
if (major < 22) {
  console.error('Node 22 or newer is required; run through npm so the pinned node devDependency is used.');
  process.exit(1);
}
