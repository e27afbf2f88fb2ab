import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/ports.js';
import { startCli } from '../support/cli.js';
import { isLoopbackAddress, listenersOf, processTree, type Listener } from '../support/proc.js';

/** Every path under `dir` with its permission bits, as `0700 fauxqs`. */
function modes(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string, name: string): void => {
    found.push(`${(lstatSync(path).mode & 0o777).toString(8).padStart(4, '0')} ${name}`);
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry), name === '.' ? entry : `${name}/${entry}`);
  };
  walk(dir, '.');
  return found;
}

describe('the embedded stack is private to this machine and its owner', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-private-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('the socket listing sees a listener off loopback (so the check below can fail)', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', () => r()));
    const port = (server.address() as { port: number }).port;
    const mine = listenersOf([process.pid]).filter((l) => l.port === port);
    await new Promise<void>((r) => server.close(() => r()));
    expect(mine).toEqual([{ address: '0.0.0.0', port, pid: process.pid }]);
    expect(isLoopbackAddress('0.0.0.0')).toBe(false);
  });

  it('`up` listens on loopback only, and its state directory is 0700 with files 0600, an older open one included', async () => {
    // A state directory as an older version left it: open to group and others.
    chmodSync(home, 0o755);
    mkdirSync(join(home, 'dynamodb'), { mode: 0o755 });
    writeFileSync(join(home, 'dynamodb', 'left-by-an-older-run'), 'x', { mode: 0o644 });
    const port = await freePort();
    const run = startCli(['up'], { TONGYUAN_HOME: home, PORT: String(port), TONGYUAN_DEMO_RECORDS: '200' });
    let listeners: Listener[] | undefined;
    try {
      // The API serves once everything has started: the emulators have their files and the demo
      // drops are in the raw bucket, so every listener and every kind of file is there.
      const deadline = Date.now() + 120_000;
      let serving = false;
      while (!serving && Date.now() < deadline && run.child.exitCode === null) {
        serving = await fetch(`http://127.0.0.1:${port}/v1/datasets`).then(
          (r) => r.ok,
          () => false,
        );
        if (!serving) await new Promise((r) => setTimeout(r, 250));
      }
      expect(serving, run.stderr()).toBe(true);
      listeners = listenersOf(processTree(run.child.pid!));
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited, run.stderr()).toBe(0);

    const held = listeners ?? [];
    // The API, the demo department, fauxqs and DynamoDB Local (held by Java, a child of ours).
    expect(held.length, JSON.stringify(held)).toBeGreaterThanOrEqual(4);
    expect(held.map((l) => l.port)).toContain(port);
    expect(
      held.some((l) => l.pid !== run.child.pid),
      'DynamoDB Local listens from its Java process',
    ).toBe(true);
    expect(held.filter((l) => !isLoopbackAddress(l.address))).toEqual([]);

    const all = modes(home);
    expect(all.filter((m) => !/^0700 /.test(m) && !/^0600 /.test(m))).toEqual([]);
    expect(all).toContain('0700 .');
    expect(all).toContain('0600 dynamodb/left-by-an-older-run');
    for (const file of ['dynamodb/shared-local-instance.db', 'dynamodb/dynamodb-local.log', 'fauxqs/fauxqs.db']) expect(all).toContain(`0600 ${file}`);
    // The raw zone's objects, as files fauxqs wrote.
    expect(all.filter((m) => m.startsWith('0600 s3/buckets/')).length).toBeGreaterThan(0);
  });

  it('refuses a TONGYUAN_BIND_HOST that is not an IP address', async () => {
    const run = startCli(['up'], { TONGYUAN_HOME: home, TONGYUAN_BIND_HOST: 'everywhere' });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('TONGYUAN_BIND_HOST must be an IP address');
    expect(existsSync(join(home, 'up.pid'))).toBe(false);
  });
});
