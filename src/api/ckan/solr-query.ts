/**
 * The part of Solr's standard query syntax CKAN clients send in `q` and `fq`: words and
 * "phrases", `field:value`, `field:(a OR b)`, `field:[from TO to]` ranges (the CKAN harvester's
 * `metadata_modified:[2024-01-01T00:00:00Z TO *]`), `+`/`-`/NOT, AND/OR, parentheses, `*:*`
 * and `*` wildcards in a value. Whitespace between clauses means AND (CKAN sets q.op=AND).
 */

export type QueryValue =
  { readonly kind: 'text'; readonly text: string; readonly phrase: boolean } | { readonly kind: 'range'; readonly from: string; readonly to: string };

export type QueryExpr =
  | { readonly kind: 'all' }
  | { readonly kind: 'term'; readonly field?: string; readonly value: QueryValue }
  | { readonly kind: 'and' | 'or'; readonly items: readonly QueryExpr[] }
  | { readonly kind: 'not'; readonly item: QueryExpr };

/** The query could not be parsed; the message says where. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
}

type Token =
  | { readonly kind: 'open' | 'close' | 'and' | 'or' | 'not' | 'must' | 'mustNot' }
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'value'; readonly value: QueryValue };

const RANGE = /^[[{]\s*(\S+)\s+TO\s+(\S+)\s*[\]}]/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    const rest = input.slice(i);
    if (/\s/.test(ch)) i += 1;
    else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close' });
      i += 1;
    } else if ((ch === '+' || ch === '-') && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      tokens.push({ kind: ch === '+' ? 'must' : 'mustNot' });
      i += 1;
    } else if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new QuerySyntaxError('a quotation mark is not closed');
      tokens.push({ kind: 'value', value: { kind: 'text', text: input.slice(i + 1, end), phrase: true } });
      i = end + 1;
    } else if (ch === '[' || ch === '{') {
      const range = RANGE.exec(rest);
      if (!range) throw new QuerySyntaxError(`a range must read [from TO to], not ${rest.slice(0, 40)}`);
      tokens.push({ kind: 'value', value: { kind: 'range', from: range[1]!, to: range[2]! } });
      i += range[0].length;
    } else {
      const word = /^(?:\\.|[^\s()"[\]{}])+/.exec(rest)?.[0];
      if (!word) throw new QuerySyntaxError(`unexpected ${ch}`);
      i += word.length;
      const colon = word.search(/(?<!\\):/);
      if (word === 'AND' || word === '&&') tokens.push({ kind: 'and' });
      else if (word === 'OR' || word === '||') tokens.push({ kind: 'or' });
      else if (word === 'NOT') tokens.push({ kind: 'not' });
      else if (colon > 0) {
        tokens.push({ kind: 'field', field: word.slice(0, colon) });
        const value = word.slice(colon + 1);
        if (value !== '') tokens.push({ kind: 'value', value: { kind: 'text', text: unescape(value), phrase: false } });
      } else tokens.push({ kind: 'value', value: { kind: 'text', text: unescape(word), phrase: false } });
    }
  }
  return tokens;
}

const unescape = (text: string): string => text.replace(/\\(.)/g, '$1');

/** Parses a q or fq string; a blank string, `*:*` or `*` is everything. */
export function parseQuery(input: string): QueryExpr {
  const tokens = tokenize(input);
  let at = 0;
  const peek = () => tokens[at];

  const orExpr = (field: string | undefined): QueryExpr => {
    const items = [andExpr(field)];
    while (peek()?.kind === 'or') {
      at += 1;
      items.push(andExpr(field));
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const andExpr = (field: string | undefined): QueryExpr => {
    const items = [unary(field)];
    for (let next = peek(); next && next.kind !== 'or' && next.kind !== 'close'; next = peek()) {
      if (next.kind === 'and') at += 1;
      items.push(unary(field));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const unary = (field: string | undefined): QueryExpr => {
    const token = peek();
    if (token?.kind === 'not' || token?.kind === 'mustNot') {
      at += 1;
      return { kind: 'not', item: unary(field) };
    }
    if (token?.kind === 'must') at += 1;
    return primary(field);
  };
  const primary = (field: string | undefined): QueryExpr => {
    const token = tokens[at++];
    if (!token) throw new QuerySyntaxError('the query ends where a term was expected');
    if (token.kind === 'open') {
      const inner = orExpr(field);
      if (tokens[at++]?.kind !== 'close') throw new QuerySyntaxError('a parenthesis is not closed');
      return inner;
    }
    if (token.kind === 'field') {
      if (field !== undefined) throw new QuerySyntaxError(`field ${token.field} is nested in field ${field}`);
      const fieldName = token.field;
      if (fieldName === '*' && isStar(peek())) {
        at += 1;
        return { kind: 'all' };
      }
      return primary(fieldName);
    }
    if (token.kind === 'value') return { kind: 'term', ...(field !== undefined ? { field } : {}), value: token.value };
    throw new QuerySyntaxError(`unexpected ${token.kind.toUpperCase()}`);
  };

  if (tokens.length === 0) return { kind: 'all' };
  if (tokens.length === 1 && isStar(tokens[0])) return { kind: 'all' };
  const expr = orExpr(undefined);
  if (at < tokens.length) throw new QuerySyntaxError('a closing parenthesis has no opening one');
  return expr;
}

const isStar = (token: Token | undefined): boolean => token?.kind === 'value' && token.value.kind === 'text' && !token.value.phrase && token.value.text === '*';

/** Every field a query names, for refusing unknown ones before anything is matched. */
export function fieldsOf(expr: QueryExpr): string[] {
  switch (expr.kind) {
    case 'all':
      return [];
    case 'term':
      return expr.field === undefined ? [] : [expr.field];
    case 'not':
      return fieldsOf(expr.item);
    default:
      return expr.items.flatMap(fieldsOf);
  }
}
