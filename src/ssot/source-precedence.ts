import type { SourcePrecedence } from './golden-merge.js';

/**
 * Declared source precedence per record type, for golden records that several
 * departments report. The department that decides a fact wins that fact: the deciding
 * department for a decision's content, the credit centre for credit repair, the legal
 * affairs office for a document's validity. A source not named here ranks after the
 * named ones, the freshest first. Source ids are those of sources/*.yaml.
 */
export const sourcePrecedence: Readonly<Record<string, SourcePrecedence>> = {
  'enforcement-decision': { default: ['demo-enforcement'] },
};

export function precedenceFor(recordType: string): SourcePrecedence {
  return sourcePrecedence[recordType] ?? {};
}
