import type { CrossFieldRule } from './record-type.js';
import { isDocumentNumber } from './formats.js';
import { normalizeDecisionNumber } from './normalize-values.js';

/** Digits in any bracket a department writes around the year (the normalizer folds them all to 〔〕). */
const CLAIMS_YEAR_IN_BRACKETS = /[[(（〔【﹝［]\s*\d+\s*[\])）〕】﹞］]/u;

/**
 * A penalty's 文号 in GB/T 9704-2012 form, 机关代字〔年份〕序号号 (绍市监罚〔2025〕12号): the
 * issuer's abbreviation, a 4-digit year in brackets and a serial in digits. Half-width and
 * other brackets and leading zeros are accepted, as the mapping's normalizer folds them.
 * A licence's 文书号 is held to the same form when it is written as one (a year in brackets);
 * licensing systems also number decisions in other ways, which the standard allows.
 */
export function decisionNumberInDocumentForm(): CrossFieldRule {
  return (candidate, labels) => {
    const number = candidate.decisionNumber;
    if (typeof number !== 'string' || number.trim() === '') return [];
    const isLicence = candidate.decisionKind === 'license';
    if (isLicence && !CLAIMS_YEAR_IN_BRACKETS.test(number)) return [];
    if (isDocumentNumber(normalizeDecisionNumber(number))) return [];
    return [
      {
        path: '/decisionNumber',
        keyword: 'documentNumberForm',
        message: `decisionNumber (${number}) is not a document number in GB/T 9704-2012 form 机关代字〔年份〕序号号, e.g. 绍市监罚〔2025〕12号`,
        messageZh: `${labels.decisionNumber ?? '决定书文号'}（${number}）不符合 GB/T 9704-2012 发文字号格式“机关代字〔年份〕序号号”（例：绍市监罚〔2025〕12号）`,
      },
    ];
  };
}
