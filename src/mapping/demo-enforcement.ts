import { chinaTimeToIso, normalizeDecisionNumber, toIsoDate, wanYuanToYuan } from '../records/normalize-values.js';
import { MappingError } from './mapping-error.js';

/**
 * Maps one item of the demo department's penalty API (national 双公示 column names) to a
 * candidate enforcement-decision. It translates and never judges: a value it cannot
 * translate is passed on as it came, for the validator to reject with a precise path.
 */

const PARTY_TYPES: Readonly<Record<string, string>> = {
  法人及非法人组织: 'legal-person',
  法人: 'legal-person',
  非法人组织: 'legal-person',
  自然人: 'natural-person',
  个体工商户: 'individual-business',
};

const STATUSES: Readonly<Record<string, string>> = { '0': 'in-force', '1': 'changed', '2': 'revoked' };

const PENALTY_TYPE_SEPARATORS = /[,，、;；]/u;

/** Trimmed text; blank or missing → undefined; numbers as text; anything else passed on. */
function text(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function mapped(value: unknown, convert: (text: string) => unknown): unknown {
  const cleaned = text(value);
  return typeof cleaned === 'string' ? convert(cleaned) : cleaned;
}

function penaltyTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(text).filter((item) => item !== undefined);
  return mapped(value, (list) => list.split(PENALTY_TYPE_SEPARATORS).map((item) => item.trim()).filter((item) => item !== ''));
}

function fineYuan(value: unknown): unknown {
  if (typeof value === 'number') return wanYuanToYuan(value);
  return mapped(value, wanYuanToYuan);
}

/** Drops absent fields so the candidate carries only what the source said. */
function withoutAbsent(candidate: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
}

export function mapDemoPenalty(raw: Readonly<Record<string, unknown>>): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MappingError('(item)', `expected a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
  }
  return withoutAbsent({
    decisionNumber: mapped(raw.cf_wsh, normalizeDecisionNumber),
    caseName: text(raw.cf_ajmc),
    partyType: mapped(raw.xdr_lb, (kind) => PARTY_TYPES[kind] ?? kind),
    partyName: text(raw.xdr_mc),
    creditCode: mapped(raw.xdr_shxym, (code) => code.toUpperCase()),
    partyIdNumber: mapped(raw.xdr_zjhm, (id) => id.toUpperCase()),
    legalRepresentative: text(raw.xdr_fddbr),
    facts: text(raw.cf_sy),
    legalBasis: text(raw.cf_yj),
    penaltyTypes: penaltyTypes(raw.cf_cflb),
    fineYuan: fineYuan(raw.cf_fk),
    decisionDate: mapped(raw.cf_jdrq, toIsoDate),
    publicityEndDate: mapped(raw.cf_gsjzqx, toIsoDate),
    authority: text(raw.cf_cfjg),
    authorityCode: mapped(raw.cf_cfjgdm, (code) => code.toUpperCase()),
    district: text(raw.dq),
    status: mapped(raw.cf_zt, (code) => STATUSES[code] ?? code),
    sourceUpdatedAt: mapped(raw.update_time, chinaTimeToIso),
  });
}
