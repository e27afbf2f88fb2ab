/**
 * Masks the names of natural persons other than the party inside free text, keeping the
 * surname: 张* , 欧阳**. Chinese names carry no capital letters, so a name is only taken
 * where a penalty text announces one: after a word that introduces a third person (证人,
 * 消费者, 投诉人 …) or before the identity number that follows a person's name. A name
 * must start with a common surname and end where a clause goes on; the names of legal
 * persons (…公司, …厂, …店) never end there, and the party's own names are kept.
 */
import { COMPOUND_SURNAMES, SINGLE_SURNAMES } from './surnames.js';

const HAN = '\\p{Script=Han}';
/** Words after which penalty texts name a person who is not the party. */
const THIRD_PERSON_CUE =
  '(?:证人|员工|雇员|职工|店员|营业员|收银员|从业人员|工作人员|消费者|顾客|患者|就诊人|购买人|购买者|买受人|举报人|投诉人|申诉人|受害人|被害人|' +
  '知情人|见证人|陪同人|驾驶员|司机|厨师|学徒|租户|房东|之妻|之夫|妻子|丈夫|之子|之女|儿子|女儿|父亲|母亲|亲属)';
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SINGLE_SURNAMES}])`;
/** What may follow a name: punctuation, or the verbs and particles a clause continues with. */
const NAME_END =
  '(?=[，,。；;：:、（()）\\s“”"]|$|等|在|于|向|称|反映|投诉|举报|购买|购|与|和|及|系|是|因|从|到|将|被|对|所|说|证实|陈述|表示|处|家|先生|女士|男|女|的|报|持|驾|经|出|发|未|已|共|均|也|又|曾)';
/** A name: a surname and a one- or two-character given name, the shortest that ends a name. */
const NAME = `(${SURNAME})(${HAN}{1,2}?)${NAME_END}`;
/** A list of names after one cue: 证人张三、李四和王五. */
const CUED_NAMES = new RegExp(`(${THIRD_PERSON_CUE}[:：]?\\s?)(${SURNAME}${HAN}{1,2}?${NAME_END}(?:[、和及与]${SURNAME}${HAN}{1,2}?${NAME_END})*)`, 'gu');
/** A name directly before a bracketed or appended identity number: 王五（身份证号：…）. */
const NAME_BEFORE_ID = new RegExp(`${NAME.replace(NAME_END, '')}(?=[（(，,]?\\s?(?:公民)?身份(?:证|号))`, 'gu');
const ONE_NAME = new RegExp(NAME, 'gu');

/** Characters that end up after a surname-like word but do not occur in given names (向本局, 于该日). */
const NOT_IN_GIVEN_NAMES = /[本局该其我你他她此们人员方等处所司店厂部日月年时号次位名个]/u;

const mask = (surname: string, given: string) => `${surname}${'*'.repeat([...given].length)}`;

export function redactNames(text: string, keep: readonly string[] = []): string {
  const kept = new Set(keep.map((name) => name.trim()).filter((name) => name !== ''));
  const maskUnlessKept = (name: string, surname: string, given: string) => (kept.has(name) || NOT_IN_GIVEN_NAMES.test(given) ? name : mask(surname, given));
  return text
    .replace(
      CUED_NAMES,
      (_match: string, cue: string, names: string) =>
        `${cue}${names.replace(ONE_NAME, (name: string, surname: string, given: string) => maskUnlessKept(name, surname, given))}`,
    )
    .replace(NAME_BEFORE_ID, (name: string, surname: string, given: string) => maskUnlessKept(name, surname, given));
}
