import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli } from '../../support/cli.js';

async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const apiSource = (baseUrl: string, token: string) =>
  [
    'id: permits-api',
    'title: 许可接口',
    'department: 测试局',
    'kind: http-json',
    'recordType: enforcement-decision',
    'connection:',
    `  baseUrl: "${baseUrl}"`,
    '  path: /items',
    `  auth: { kind: bearer, token: "${token}" }`,
    '  pagination: { kind: page, itemsField: items }',
    'mapping: { version: 1, fields: { caseName: { from: name } } }',
    '',
  ].join('\n');

describe('tongyuan sources check: references', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-refs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every ${env:…} is set and the secret sits in a credential field', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, apiSource('${env:CHECK_PERMITS_URL}', '${ssm:/tongyuan/permits/token}'));
    const ok = await cli(['sources', 'check', file], { CHECK_PERMITS_URL: 'https://permits.example' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('ok\t');
  });

  it('exits 1 naming the file, source, field and problem for an unset variable and for ${ssm:…} in baseUrl', async () => {
    const unset = join(dir, 'unset.yaml');
    writeFileSync(unset, apiSource('${env:CHECK_PERMITS_URL}', '${env:CHECK_PERMITS_TOKEN}'));
    const inUrl = join(dir, 'ssm-in-url.yaml');
    writeFileSync(inUrl, apiSource('${ssm:/tongyuan/permits/url}', '${ssm:/tongyuan/permits/token}'));
    const run = await cli(['sources', 'check', unset, inUrl], { CHECK_PERMITS_URL: 'https://permits.example' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `${unset}: invalid source permits-api:\n  /connection/auth/token: 环境变量 CHECK_PERMITS_TOKEN 未设置 / environment variable CHECK_PERMITS_TOKEN is not set`,
    );
    expect(run.stderr).toContain(`${inUrl}: invalid source permits-api:\n  /connection/baseUrl: \${ssm:/tongyuan/permits/url}：此字段不是密钥字段`);
    expect(run.stderr).toContain('this field cannot hold a secret and resolves only ${env:…}');
  });
});
