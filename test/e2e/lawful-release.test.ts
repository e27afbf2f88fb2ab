import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, demoAsOf, demoLicenseCount, demoRecordCount } from '../../demo/departments.js';
import { PLANTED_CONFLICT_COUNT, sgsExport } from '../../demo/drops/sgs-export.js';
import { generatePenalties } from '../../demo/enforcement/generate.js';
import { generateLicenses } from '../../demo/enforcement/licenses.js';
import { chinaDate } from '../../src/calendar/index.js';
import { startStack, type EmbeddedStack } from '../../src/local/stack.js';
import { kindOf } from '../../src/quarantine/entry.js';
import { normalizeDecisionNumber } from '../../src/records/normalize-values.js';
import { onlySources } from '../support/sources-dir.js';

// The law-enforcement departments of the embedded default: the case system's API (penalties and
// licences) and the market-regulation 双公示 CSV export that repeats part of it by hand.
const env = { ...process.env, TONGYUAN_DEMO_DEPARTMENTS: 'enforcement,sgs', ...onlySources('demo-enforcement', 'demo-sgs-csv', 'demo-licenses') };

type Row = Readonly<Record<string, unknown>>;

describe('what the demo publishes about people is lawful', () => {
  const asOf = demoAsOf(env);
  const penalties = generatePenalties({ count: demoRecordCount(env), seed: DEMO_SEED, asOf });
  const licenses = generateLicenses({ count: demoLicenseCount(demoRecordCount(env)), seed: DEMO_SEED, asOf });
  const planted = sgsExport(penalties, DEMO_SEED).conflicts;
  const caseKey = (authority: unknown, decisionNumber: unknown) => `${String(authority)}|${normalizeDecisionNumber(String(decisionNumber))}`;
  /** The party each case of the case system names, by authority and 文号: what a merged row must still name. */
  const partyOfCase = new Map(penalties.records.map((r) => [caseKey(r.cf_cfjg, r.cf_wsh), r.xdr_mc]));
  /** Every personal document number the departments hold: none may leave in any field of any file. */
  const personalNumbers = [
    ...penalties.records.filter((r) => r.xdr_lb === '自然人').map((r) => r.xdr_zjhm),
    ...penalties.records.map((r) => r.fr_zjhm),
    ...licenses.filter((l) => l.xdr_lb === '自然人').map((l) => l.xdr_zjhm),
    ...licenses.map((l) => l.fr_zjhm),
  ].filter((n): n is string => typeof n === 'string' && n.length >= 8);
  const today = chinaDate(new Date());
  let home: string;
  let stack: EmbeddedStack;
  const releases = new Map<string, { text: string; rows: Row[] }>();

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tongyuan-lawful-'));
    stack = await startStack(home, env);
    await stack.runCycle();
    for (const dataset of ['enforcement-decisions', 'administrative-licenses']) {
      const response = await stack.api.request(`http://localhost/v1/datasets/${dataset}/download?format=jsonl`);
      expect(response.status).toBe(200);
      const text = await response.text();
      releases.set(dataset, {
        text,
        rows: text
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => JSON.parse(l) as Row),
      });
    }
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('plants the CSV clerk’s 文号 typos, and each one is held for the steward with both parties, not published', async () => {
    expect(planted).toHaveLength(PLANTED_CONFLICT_COUNT);
    const entries = await stack.app.quarantineStore().list('demo-sgs-csv');
    const conflicts = entries.filter((e) => kindOf(e) === 'identity-conflict');
    expect(conflicts.length).toBeGreaterThanOrEqual(PLANTED_CONFLICT_COUNT);
    const { rows } = releases.get('enforcement-decisions')!;
    for (const conflict of planted) {
      expect(rows.some((r) => caseKey(r.authority, r.decisionNumber) === caseKey(conflict.authority, conflict.decisionNumber))).toBe(false);
      const shown = conflicts.find((e) => JSON.stringify(e).includes(conflict.csvParty) && JSON.stringify(e).includes(conflict.apiParty));
      expect(shown, `conflict ${conflict.decisionNumber} with both parties`).toBeDefined();
    }
  });

  it('publishes no spliced record: every released penalty names the party of its own case', () => {
    const { rows } = releases.get('enforcement-decisions')!;
    expect(rows.length).toBeGreaterThan(0);
    const spliced = rows.filter((r) => partyOfCase.get(caseKey(r.authority, r.decisionNumber)) !== r.partyName);
    expect(spliced).toEqual([]);
    // A warning-only decision carries no fine.
    expect(rows.filter((r) => (r.penaltyTypes as string[]).every((t) => t === '警告') && r.fineYuan !== undefined)).toEqual([]);
  });

  it('publishes no revoked or expired decision', () => {
    const { rows } = releases.get('enforcement-decisions')!;
    expect(rows.filter((r) => r.status === 'revoked')).toEqual([]);
    expect(rows.filter((r) => typeof r.publicityEndDate === 'string' && r.publicityEndDate < today)).toEqual([]);
    expect(rows.filter((r) => typeof r.decisionDate === 'string' && r.decisionDate > today)).toEqual([]);
    // The demo does hold revoked and expired decisions: they are in the SSOT, not in the release.
    expect(penalties.records.some((r) => r.cf_zt === '1')).toBe(true);
    expect(penalties.records.some((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.cf_gsjzqx) && r.cf_gsjzqx < today)).toBe(true);
  });

  it('releases no natural person’s identifier in any field, and masks phone numbers in free text', () => {
    expect(personalNumbers.length).toBeGreaterThan(100);
    for (const [dataset, { text, rows }] of releases) {
      expect(
        personalNumbers.filter((n) => text.includes(n)),
        dataset,
      ).toEqual([]);
      expect(text).not.toMatch(/(?<![0-9A-Z])1[3-9]\d{9}(?![0-9A-Z])/);
      expect(rows.filter((r) => r.partyIdNumber !== undefined || r.legalRepresentativeIdNumber !== undefined)).toEqual([]);
    }
    expect(releases.get('administrative-licenses')!.rows.length).toBeGreaterThan(0);
    // The licences' release carries the licence columns (XK_*) and none of a penalty's.
    expect(releases.get('administrative-licenses')!.rows.every((r) => r.licenseContent !== undefined && r.penaltyTypes === undefined)).toBe(true);
  });
});
