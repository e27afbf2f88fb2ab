import type { SourcePrecedence } from './golden-merge.js';

/**
 * Declared source precedence per record type, for golden records that several
 * departments report. The department that decides a fact wins that fact: the deciding
 * department for a decision's content, the credit centre for credit repair, the legal
 * affairs office for a document's validity. A source not named here ranks after the
 * named ones, the freshest first. Source ids are those of sources/*.yaml.
 */
export const sourcePrecedence: Readonly<Record<string, SourcePrecedence>> = {
  // The bureau's case system (API) is the record; its 双公示 CSV export repeats it later and by hand.
  'enforcement-decision': { default: ['demo-enforcement', 'demo-sgs-csv'] },
};

export function precedenceFor(recordType: string): SourcePrecedence {
  return sourcePrecedence[recordType] ?? {};
}
