import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindHostFrom, connectHost, isLoopback } from '../../../src/local/bind-host.js';
import { preparePrivateDir } from '../../../src/local/private-state.js';

describe('the bind host of the embedded stack', () => {
  it('is 127.0.0.1 unless set, without a warning', () => {
    expect(bindHostFrom(undefined)).toEqual({ host: '127.0.0.1', warning: undefined });
    expect(bindHostFrom('  ')).toEqual({ host: '127.0.0.1', warning: undefined });
    expect(bindHostFrom('::1')).toEqual({ host: '::1', warning: undefined });
  });

  it('leaves loopback only when set, and then warns that the emulators answer anyone', () => {
    const open = bindHostFrom('0.0.0.0');
    expect(open.host).toBe('0.0.0.0');
    expect(open.warning).toMatch(/^WARNING: TONGYUAN_BIND_HOST=0\.0\.0\.0: .*without authentication/);
    expect(bindHostFrom('192.168.1.20').warning).toContain('TONGYUAN_BIND_HOST=192.168.1.20');
  });

  it('must be an IP address', () => {
    expect(() => bindHostFrom('localhost')).toThrow('TONGYUAN_BIND_HOST must be an IP address; got "localhost"');
    expect(() => bindHostFrom('0.0.0.0.0')).toThrow('must be an IP address');
  });

  it('is reached through loopback when it is a wildcard, and as itself otherwise', () => {
    expect([connectHost('0.0.0.0'), connectHost('::'), connectHost('192.168.1.20'), connectHost('::1')]).toEqual([
      '127.0.0.1',
      '127.0.0.1',
      '192.168.1.20',
      '[::1]',
    ]);
    expect([isLoopback('127.0.0.1'), isLoopback('127.8.8.8'), isLoopback('::1'), isLoopback('0.0.0.0'), isLoopback('10.0.0.1')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('the private state directory', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const mode = (path: string) => (lstatSync(path).mode & 0o777).toString(8);

  it('is created 0700', () => {
    dir = mkdtempSync(join(tmpdir(), 'tongyuan-private-'));
    preparePrivateDir(join(dir, 'home'));
    expect(mode(join(dir, 'home'))).toBe('700');
  });

  it('takes group and other access from what an older run left, keeping the owner bits', () => {
    dir = mkdtempSync(join(tmpdir(), 'tongyuan-private-'));
    const home = join(dir, 'home');
    mkdirSync(join(home, 's3', 'buckets'), { recursive: true, mode: 0o755 });
    chmodSync(home, 0o755);
    writeFileSync(join(home, 's3', 'buckets', 'object'), 'L4', { mode: 0o644 });
    writeFileSync(join(home, 'read-only'), 'x', { mode: 0o444 });
    preparePrivateDir(home);
    expect([
      mode(home),
      mode(join(home, 's3')),
      mode(join(home, 's3', 'buckets')),
      mode(join(home, 's3', 'buckets', 'object')),
      mode(join(home, 'read-only')),
    ]).toEqual(['700', '700', '700', '600', '400']);
  });
});
