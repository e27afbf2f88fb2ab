import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/catalog.js';
import type { Environment } from '../../config/runtime-config.js';
import { approveApplication, rejectApplication, revokeGrant, type DecisionDeps } from '../../grants/decisions.js';
import { GrantStateError, type Application, type Grant } from '../../ports/grant-store.js';
import type { CliCommand, CliIo } from '../command.js';
import { connectToRunningStack } from '../stack-connection.js';

const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
const GRANT_STATUSES = ['active', 'revoked'] as const;

/** Who decides: --by, else the operating-system user. */
const operatorOf = (by: string | undefined, env: Environment): string => by ?? env.USER ?? userInfo().username;

function decisionDeps(io: CliIo, by: string | undefined): DecisionDeps {
  const app = connectToRunningStack(io.env);
  return { store: app.grantStore(), usagePlanKeys: app.usagePlanKeys(), operator: operatorOf(by, io.env), now: new Date() };
}

/** A refused state change (already decided, not active) is the operator's mistake: a sentence, exit 1. */
async function decided(io: CliIo, action: () => Promise<void>): Promise<number> {
  try {
    await action();
    return 0;
  } catch (error) {
    if (error instanceof GrantStateError || error instanceof RangeError) {
      io.say(error.message);
      return 1;
    }
    throw error;
  }
}

const applicationRow = (a: Application): string =>
  [a.id, a.status, a.datasetId, a.fields.join(','), `${a.period.from}..${a.period.to}`, a.applicant.organization, a.applicant.name, a.submittedAt].join('\t');
const grantRow = (g: Grant): string =>
  [g.id, g.status, g.datasetId, g.keyId, g.fields.join(','), g.expiresAt, String(g.quotaPerDay), g.applicationId, g.revokeReason ?? ''].join('\t');

export const grantsListCommand: CliCommand = {
  path: ['grants', 'list'],
  usage: 'grants list [--status pending|approved|rejected|active|revoked] [--json]',
  summary: '受限开放: applications (pending, approved, rejected) and grants (active, revoked), oldest first',
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { status: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const status = values.status;
    const isApplicationStatus = (APPLICATION_STATUSES as readonly string[]).includes(status ?? '');
    const isGrantStatus = (GRANT_STATUSES as readonly string[]).includes(status ?? '');
    if (status !== undefined && !isApplicationStatus && !isGrantStatus)
      throw new ConfigError(`grants list: --status must be one of ${[...APPLICATION_STATUSES, ...GRANT_STATUSES].join(', ')}; got "${status}"`);
    const store = connectToRunningStack(io.env).grantStore();
    const applications = isGrantStatus ? [] : await store.listApplications(status as (typeof APPLICATION_STATUSES)[number] | undefined);
    const grants = isApplicationStatus ? [] : await store.listGrants(status as (typeof GRANT_STATUSES)[number] | undefined);
    if (values.json) {
      io.out(JSON.stringify({ applications, grants }));
      return 0;
    }
    if (!isGrantStatus) {
      io.out(['application', 'status', 'dataset', 'fields', 'period', 'organization', 'applicant', 'submitted'].join('\t'));
      for (const a of applications) io.out(applicationRow(a));
    }
    if (!isApplicationStatus) {
      io.out(['grant', 'status', 'dataset', 'key id', 'fields', 'expires', 'quota/day', 'application', 'revoke reason'].join('\t'));
      for (const g of grants) io.out(grantRow(g));
    }
    return 0;
  },
};

export const grantsApproveCommand: CliCommand = {
  path: ['grants', 'approve'],
  usage: 'grants approve <applicationId> [--quota N] [--expires YYYY-MM-DD] [--by <operator>]',
  summary: 'approve an application: a grant for its dataset and fields, and its API key, printed once for you to hand over',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { quota: { type: 'string' }, expires: { type: 'string' }, by: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new ConfigError('grants approve: name one application id (see `tongyuan grants list --status pending`)');
    const quota = values.quota === undefined ? undefined : Number(values.quota);
    if (quota !== undefined && (!Number.isInteger(quota) || quota < 1))
      throw new ConfigError(`grants approve: --quota must be a whole number of calls per day, at least 1; got "${values.quota}"`);
    if (values.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.expires))
      throw new ConfigError(`grants approve: --expires must be a date YYYY-MM-DD; got "${values.expires}"`);
    const deps = decisionDeps(io, values.by);
    return decided(io, async () => {
      const { grant, key } = await approveApplication(deps, positionals[0]!, {
        ...(quota === undefined ? {} : { quotaPerDay: quota }),
        ...(values.expires === undefined ? {} : { expires: values.expires }),
      });
      io.say(
        `grant ${grant.id}: dataset ${grant.datasetId}, fields ${grant.fields.join(',')}, expires ${grant.expiresAt}, ${grant.quotaPerDay} calls/day, key id ${grant.keyId}`,
      );
      io.say('the API key follows; it is stored only as its hash and is shown this once: hand it to the applicant over a trusted channel');
      io.out(key);
    });
  },
};

export const grantsRejectCommand: CliCommand = {
  path: ['grants', 'reject'],
  usage: 'grants reject <applicationId> --reason <text> [--by <operator>]',
  summary: 'reject an application, with the reason the applicant will read',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { reason: { type: 'string' }, by: { type: 'string' } } });
    if (positionals.length !== 1) throw new ConfigError('grants reject: name one application id');
    if (!values.reason?.trim()) throw new ConfigError('grants reject: --reason is required (the applicant reads it)');
    const deps = decisionDeps(io, values.by);
    return decided(io, async () => {
      await rejectApplication(deps, positionals[0]!, values.reason!);
      io.out(`application ${positionals[0]} rejected`);
    });
  },
};

export const grantsRevokeCommand: CliCommand = {
  path: ['grants', 'revoke'],
  usage: 'grants revoke <grantId> --reason <text> [--by <operator>]',
  summary: 'revoke a grant: its key is refused (403) within seconds and leaves the usage plan',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { reason: { type: 'string' }, by: { type: 'string' } } });
    if (positionals.length !== 1) throw new ConfigError('grants revoke: name one grant id (see `tongyuan grants list --status active`)');
    if (!values.reason?.trim()) throw new ConfigError('grants revoke: --reason is required (it is kept with the grant)');
    const deps = decisionDeps(io, values.by);
    return decided(io, async () => {
      const grant = await revokeGrant(deps, positionals[0]!, values.reason!);
      io.out(`grant ${grant.id} revoked at ${grant.revokedAt}; key ${grant.keyId} is refused from now on`);
    });
  },
};

export const grantsAuditCommand: CliCommand = {
  path: ['grants', 'audit'],
  usage: 'grants audit <grantId> [--limit N] [--json]',
  summary: "a grant's audited calls, newest first: time, status, route, dataset, rows, fields",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { limit: { type: 'string', default: '100' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new ConfigError('grants audit: name one grant id');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ConfigError(`grants audit: --limit must be 1…1000, not ${values.limit}`);
    const entries = await connectToRunningStack(io.env).grantStore().trail(positionals[0]!, limit);
    if (values.json) {
      io.out(JSON.stringify(entries));
      return 0;
    }
    io.out(['at', 'status', 'route', 'dataset', 'rows', 'fields', 'key id'].join('\t'));
    for (const e of entries) io.out([e.at, String(e.status), e.route, e.datasetId ?? '-', String(e.rows), e.fields.join(','), e.keyId].join('\t'));
    return 0;
  },
};

export const grantsCommands: readonly CliCommand[] = [grantsListCommand, grantsApproveCommand, grantsRejectCommand, grantsRevokeCommand, grantsAuditCommand];
