import type { DefectKind, DemoCase, DemoPenalty, GeneratedPenalties } from '../enforcement/generate.js';
import { seededRandom, type Random } from '../enforcement/random.js';
import type { SgsCsvRow } from './sgs-csv.js';

/**
 * The market-regulation bureaus' 双公示 CSV: not a second source of cases but an export of
 * the same cases the platform's API serves (same 文号, party, date), typed up later by a
 * clerk — so the golden merge meets real overlaps. A few rows carry a typo in the 文号
 * serial: the row is one case's, under another case's number of the same authority. Those
 * are identity conflicts the merge must flag, never splice.
 */

/** How many 文号 typos the export plants. */
export const PLANTED_CONFLICT_COUNT = 4;

/** A CSV row whose authority + 文号 is an API case's, while its party is another case's. */
export interface PlantedConflict {
  /** 序号 of the CSV row. */
  readonly serial: string;
  readonly authority: string;
  /** The canonical 文号 both sides carry. */
  readonly decisionNumber: string;
  /** The API record the number belongs to. */
  readonly apiId: string;
  /** The API record whose case the CSV row actually describes. */
  readonly rowCaseId: string;
  readonly csvParty: string;
  readonly apiParty: string;
}

export interface SgsExport {
  readonly rows: SgsCsvRow[];
  /** 序号 → the API record the row exports (for a conflict: the case it describes). */
  readonly caseOf: ReadonlyMap<string, string>;
  /** 序号 → defect, for rows exported from a defective API record (they fail validation the same way). */
  readonly defective: ReadonlyMap<string, DefectKind>;
  readonly conflicts: readonly PlantedConflict[];
}

/** The national label the export writes for both 法人 and 非法人组织. */
const LEGAL_AND_UNINCORPORATED = '法人及非法人组织';

function handWrittenNumber(random: Random, canonical: string): string {
  const roll = random.next();
  if (roll < 0.6) return canonical;
  // Half-width brackets, as a clerk types them; the normalizer folds them back to 〔〕.
  return roll < 0.85 ? canonical.replace('〔', '(').replace('〕', ')') : canonical.replace('〔', '[').replace('〕', ']');
}

function handWrittenFine(random: Random, yuan: number | undefined): string {
  if (yuan === undefined) return '';
  const roll = random.next();
  if (roll < 0.3) return `${yuan / 10_000}万元`;
  if (roll < 0.4) return `${yuan.toLocaleString('en-US')}元`;
  return String(yuan / 10_000);
}

function handWrittenDate(random: Random, date: string): string {
  if (random.chance(0.7)) return date;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${year}/${month}/${day}`;
}

function exportRow(random: Random, record: DemoPenalty, kase: DemoCase, defective: boolean, serial: string, decisionNumber?: string): SgsCsvRow {
  const folded = { ...record, id: serial, xdr_lb: record.xdr_lb === '法人' || record.xdr_lb === '非法人组织' ? LEGAL_AND_UNINCORPORATED : record.xdr_lb };
  // A defective record is exported as the case system holds it, so it fails validation the same way.
  if (defective) return folded;
  return {
    ...folded,
    cf_wsh: handWrittenNumber(random, decisionNumber ?? kase.decisionNumber),
    cf_fk: handWrittenFine(random, kase.fineYuan),
    cf_jdrq: handWrittenDate(random, kase.decisionDate),
  };
}

/** Picks case pairs (row case, number owner) of one authority and year, with different parties, none exported otherwise. */
function conflictPairs(generated: GeneratedPenalties, candidates: readonly DemoPenalty[], exported: ReadonlySet<string>): [DemoPenalty, DemoPenalty][] {
  const clean = candidates.filter((r) => !generated.defective.has(r.id));
  const pairs: [DemoPenalty, DemoPenalty][] = [];
  const used = new Set<string>();
  for (const row of clean) {
    if (pairs.length === PLANTED_CONFLICT_COUNT) break;
    if (!exported.has(row.id) || used.has(row.id)) continue;
    const rowCase = generated.cases.get(row.id)!;
    const owner = clean.find((other) => {
      const otherCase = generated.cases.get(other.id)!;
      return (
        !exported.has(other.id) &&
        !used.has(other.id) &&
        otherCase.authority === rowCase.authority &&
        otherCase.decisionDate.slice(0, 4) === rowCase.decisionDate.slice(0, 4) &&
        otherCase.party.name !== rowCase.party.name
      );
    });
    if (!owner) continue;
    used.add(row.id).add(owner.id);
    pairs.push([row, owner]);
  }
  return pairs;
}

/** The export: about `share` of the market-regulation cases, in the API's order, numbered 1…n. */
export function sgsExport(generated: GeneratedPenalties, seed: number, share = 0.4): SgsExport {
  const random = seededRandom(seed ^ 0x2f6e2b1);
  const candidates = generated.records.filter((r) => generated.cases.get(r.id)!.authority.kind === 'market-regulation');
  const exported = new Set(candidates.filter(() => random.chance(share)).map((r) => r.id));
  const typoNumberOf = new Map<string, DemoPenalty>(conflictPairs(generated, candidates, exported).map(([row, owner]) => [row.id, owner]));

  const rows: SgsCsvRow[] = [];
  const caseOf = new Map<string, string>();
  const defective = new Map<string, DefectKind>();
  const conflicts: PlantedConflict[] = [];
  for (const record of candidates) {
    if (!exported.has(record.id)) continue;
    const serial = String(rows.length + 1);
    const kase = generated.cases.get(record.id)!;
    const defect = generated.defective.get(record.id);
    const owner = typoNumberOf.get(record.id);
    const ownerCase = owner && generated.cases.get(owner.id)!;
    rows.push(exportRow(random, record, kase, defect !== undefined, serial, ownerCase?.decisionNumber));
    caseOf.set(serial, record.id);
    if (defect) defective.set(serial, defect);
    if (owner && ownerCase) {
      conflicts.push({
        serial,
        authority: kase.authority.name,
        decisionNumber: ownerCase.decisionNumber,
        apiId: owner.id,
        rowCaseId: record.id,
        csvParty: kase.party.name,
        apiParty: ownerCase.party.name,
      });
    }
  }
  return { rows, caseOf, defective, conflicts };
}
