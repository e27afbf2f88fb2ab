import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/ports.js';
import { repoRoot } from '../support/cli.js';
import { processGroup } from '../support/proc.js';
import { processAlive } from '../../src/util/process-alive.js';

/**
 * The environment of a user's shell: the machine's PATH without the node_modules/.bin that
 * `npm test` put first (so the machine's own Node, possibly older than 22, is the `node`), and
 * none of the variables npm, vitest and this project's tests set.
 */
function userEnvironment(): Record<string, string> {
  const keepNpm = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|VITEST|TONGYUAN_|POWERTOOLS_)/.test(key) && !keepNpm.has(key)) continue;
    if (key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key === 'TEST') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes(`node_modules${sep}.bin`))
    .join(delimiter);
  return env;
}

function run(command: string, cwd: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // detached: the command leads a process group, signalled as a terminal would signal it.
  const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

const user = userEnvironment();
const machineNode = execFileSync('node', ['--version'], { env: user, encoding: 'utf8' }).trim();

// The clone is of the committed HEAD, as a user gets it: uncommitted changes in this working
// tree are not in it and are not tested here.
describe(`the README's commands on a fresh clone, with the machine's own Node ${machineNode} first on PATH`, () => {
  const root = mkdtempSync(join(tmpdir(), 'tongyuan-readme-'));
  const clone = join(root, 'tongyuan');

  beforeAll(() => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', repoRoot, clone], { env: user });
    execFileSync('git', ['checkout', '--quiet', head], { cwd: clone, env: user });
    // A user's `npm install` on a fresh clone installs from the lockfile, as `npm ci` does.
    execFileSync('sh', ['-c', 'npm ci --no-audit --no-fund --prefer-offline'], { cwd: clone, env: user, stdio: 'ignore' });
  }, 600_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('`npm start` serves GET /v1/datasets and stops cleanly on SIGTERM, leaving no Java behind', async () => {
    const port = await freePort();
    const home = join(root, 'state');
    const start = run('npm start', clone, { ...user, PORT: String(port), TONGYUAN_HOME: home, TONGYUAN_DEMO_RECORDS: '200' });
    let catalog: { count: number } | undefined;
    let javaPid: number | undefined;
    try {
      const deadline = Date.now() + 150_000;
      while (!catalog && Date.now() < deadline && start.child.exitCode === null) {
        const response = await fetch(`http://127.0.0.1:${port}/v1/datasets`).catch(() => undefined);
        if (response?.status === 200 && response.headers.get('content-type')?.includes('application/json'))
          catalog = (await response.json()) as { count: number };
        else await new Promise((r) => setTimeout(r, 250));
      }
      expect(catalog, start.output()).toBeDefined();
      expect(catalog!.count).toBeGreaterThanOrEqual(1);
      javaPid = Number(readFileSync(join(home, 'dynamodb', 'java.pid'), 'utf8'));
      expect(processAlive(javaPid)).toBe(true);
    } finally {
      // As a terminal does: the signal goes to the whole process group (sh, npm, tongyuan).
      process.kill(-start.child.pid!, 'SIGTERM');
    }
    await start.exited;
    // npm and the shell end on the signal itself; tongyuan ends after stopping the stack.
    const deadline = Date.now() + 120_000;
    while (processGroup(start.child.pid!).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(processGroup(start.child.pid!), start.output()).toEqual([]);
    expect(start.output()).toContain('stopping…');
    expect(existsSync(join(home, 'up.pid')), start.output()).toBe(false);
    expect(existsSync(join(home, 'endpoints.json'))).toBe(false);
    expect(javaPid).toBeDefined();
    expect(processAlive(javaPid)).toBe(false);
  }, 300_000);

  it('`npx tongyuan --help` lists the commands', async () => {
    const help = run('npx tongyuan --help', clone, user);
    expect(await help.exited, help.output()).toBe(0);
    expect(help.output()).toContain('usage: tongyuan <command>');
    for (const command of ['up [--once]', 'sources list', 'quarantine list']) expect(help.output()).toContain(command);
  }, 60_000);
});
