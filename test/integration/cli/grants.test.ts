import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/command.js';
import { commands } from '../../../src/cli/commands/index.js';
import { hashApiKey } from '../../../src/grants/api-key.js';
import type { DynamoGrantStore } from '../../../src/aws/dynamo-grant-store.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { submitted } from '../../support/grants.js';

/** Runs `tongyuan grants …` in-process against the emulated stack's resource variables. */
async function grants(env: Record<string, string>, ...args: string[]) {
  const command = commands.find((c) => c.path[0] === 'grants' && c.path[1] === args[0]);
  if (!command) throw new Error(`no command grants ${args[0]}`);
  const out: string[] = [];
  const said: string[] = [];
  const io: CliIo = { env, out: (line) => out.push(line), say: (line) => said.push(line) };
  const code = await command.run(args.slice(1), io);
  return { code, out, said };
}

describe('tongyuan grants against the emulated stack', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-grants-'));
  let shared: SharedAws;
  let store: DynamoGrantStore;
  let env: Record<string, string>;
  beforeAll(async () => {
    shared = await useSharedAws();
    store = shared.app.grantStore();
    env = { ...shared.env, TONGYUAN_HOME: home };
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('approve prints the key once (stdout), stores only its hash; list shows it by status; revoke refuses it; audit lists calls', async () => {
    const dataset = `cli-${uniqueSuffix()}`;
    const application = await submitted(store, dataset, ['amount', 'partyName']);
    const pending = await grants(env, 'list', '--status', 'pending');
    expect(pending.out[0]).toMatch(/^application\tstatus\tdataset/);
    expect(pending.out.some((l) => l.startsWith(`${application.id}\tpending\t${dataset}\tamount,partyName`))).toBe(true);

    const approved = await grants(env, 'approve', application.id, '--quota', '25', '--expires', '2099-12-31', '--by', 'li');
    expect(approved.code, approved.said.join('\n')).toBe(0);
    expect(approved.out).toHaveLength(1);
    const key = approved.out[0]!;
    expect(key).toMatch(/^ty_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(approved.said.join('\n')).toContain('shown this once');
    const grant = (await store.grantByKeyHash(hashApiKey(key)))!;
    expect(grant).toMatchObject({
      applicationId: application.id,
      datasetId: dataset,
      quotaPerDay: 25,
      expiresAt: '2099-12-31T15:59:59.999Z',
      status: 'active',
    });
    expect((await store.getApplication(application.id))?.decision?.by).toBe('li');

    const again = await grants(env, 'approve', application.id);
    expect(again.code).toBe(1);
    expect(again.said.join('\n')).toContain('already approved');

    const active = await grants(env, 'list', '--status', 'active', '--json');
    const listed = JSON.parse(active.out[0]!) as { applications: unknown[]; grants: { id: string; keyId: string }[] };
    expect(listed.applications).toEqual([]);
    expect(listed.grants.find((g) => g.id === grant.id)?.keyId).toBe(key.slice(3, 19));
    expect(active.out.join('')).not.toContain(key.slice(20));

    await store.record({
      keyId: grant.keyId,
      grantId: grant.id,
      datasetId: dataset,
      route: 'records',
      fields: ['amount'],
      rows: 7,
      at: '2026-12-20T01:00:00.000Z',
      status: 200,
    });
    const audit = await grants(env, 'audit', grant.id);
    expect(audit.out).toEqual([
      'at\tstatus\troute\tdataset\trows\tfields\tkey id',
      `2026-12-20T01:00:00.000Z\t200\trecords\t${dataset}\t7\tamount\t${grant.keyId}`,
    ]);

    await expect(grants(env, 'revoke', grant.id)).rejects.toThrow(/--reason is required/);
    const revoked = await grants(env, 'revoke', grant.id, '--reason', '超范围使用');
    expect(revoked.code).toBe(0);
    expect((await store.getGrant(grant.id))?.status).toBe('revoked');
    expect((await grants(env, 'revoke', grant.id, '--reason', 'again')).code).toBe(1);
  });

  it('reject keeps the reason; bad options are refused naming them', async () => {
    const application = await submitted(store, `cli-${uniqueSuffix()}`, ['amount']);
    const rejected = await grants(env, 'reject', application.id, '--reason', '用途与申请数据无关');
    expect(rejected.out).toEqual([`application ${application.id} rejected`]);
    expect((await store.getApplication(application.id))?.decision?.reason).toBe('用途与申请数据无关');
    await expect(grants(env, 'list', '--status', 'maybe')).rejects.toThrow(/--status must be one of pending, approved, rejected, active, revoked/);
    await expect(grants(env, 'approve', application.id, '--quota', 'many')).rejects.toThrow(/--quota/);
    await expect(grants(env, 'approve', application.id, '--expires', '31/12/2099')).rejects.toThrow(/--expires/);
    expect((await grants(env, 'approve', 'no-such-application')).code).toBe(1);
  });
});
