/**
 * Cuts the address of a natural person down to its district or county: "住绍兴市越城区
 * 解放路100号" becomes "住绍兴市越城区". Only addresses a person lives at are cut, found by
 * the words penalty texts put before them (住, 家住, 现住, 住址, 户籍地 …); a company's
 * 住所 or 经营场所 is public registration data and stays whole.
 */

const HAN = '\\p{Script=Han}';
/** Words that introduce where a person lives; 住 alone, but not 住所 (a registered seat). */
const RESIDENCE_CUE = `(?:家住|现住|暂住|居住(?:于|在)?|户籍(?:所在)?地(?:址)?[:：]?|住址[:：]?|住(?![所宿房院]))`;
/** Province, prefecture-level city and district/county: what the published text keeps. */
const DIVISIONS = `((?:${HAN}{2,7}?(?:省|自治区))?(?:${HAN}{2,7}?(?:市|自治州|州|盟))?(?:${HAN}{1,7}?(?:区|县|市|旗))?)`;
/** The rest of the address runs to the next punctuation or space. */
const REST = `([^，,。；;、）)\\s]*)`;
const RESIDENCE = new RegExp(`(${RESIDENCE_CUE})${DIVISIONS}${REST}`, 'gu');
/** What marks the rest as a street address rather than ordinary words after 住. */
const STREET_WORD = /路|街|道|巷|弄|号|村|组|室|幢|栋|楼|小区|苑|镇|乡|社区|公寓|大厦|花园|新村|\d/u;

export function redactAddresses(text: string): string {
  return text.replace(RESIDENCE, (match: string, cue: string, divisions: string, rest: string) =>
    rest !== '' && STREET_WORD.test(rest) ? `${cue}${divisions}` : match,
  );
}

const LEADING_DIVISIONS = new RegExp(`^${DIVISIONS}`, 'u');
/** A county-level name never holds a street word; "中山路花园小区" is a street, not a 区. */
const NOT_A_DIVISION = /路|街|道|巷|弄|号|村|组|室|幢|栋|楼|小区|苑|社区|公寓|大厦|花园|新村/u;

/**
 * A whole address field cut to its district or county: "浙江省绍兴市越城区解放路100号" →
 * "浙江省绍兴市越城区". Undefined when the address names no district or county at its start:
 * an address that cannot be cut is never published whole.
 */
export function addressDistrict(address: string): string | undefined {
  const divisions = LEADING_DIVISIONS.exec(address.replace(/\s+/gu, ''))?.[1] ?? '';
  if (!/(?:区|县|市|旗)$/u.test(divisions) || NOT_A_DIVISION.test(divisions)) return undefined;
  return divisions;
}
